package dev.embedgate.testkit.vectors;

import dev.embedgate.error.InvalidRequestException;
import dev.embedgate.provider.ProviderRequest;
import dev.embedgate.provider.local.BuiltInModels;
import dev.embedgate.provider.local.InferenceSettings;
import dev.embedgate.provider.local.LocalModelSpec;
import dev.embedgate.provider.local.LocalModels;
import dev.embedgate.provider.local.LocalOnnxProvider;
import dev.embedgate.space.InputType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The in-process ONNX models behind the real-vector routes: one {@link LocalOnnxProvider} per built-in model,
 * created on first use and shared by every route, so a simulated provider of all-MiniLM-L6-v2 answers exactly what
 * EmbedGate's local provider answers. Texts are embedded as documents: a real provider applies its own prompts, and
 * the simulator models the provider, not its callers. Thread-safe.
 */
public final class LocalModelPool implements AutoCloseable {

    private static final Pattern INPUT_INDEX = Pattern.compile("input\\[(\\d+)]");

    private final Map<String, LocalModelSpec> specs;
    private final Map<String, LocalOnnxProvider> providers = new ConcurrentHashMap<>();
    private final int cores = Runtime.getRuntime().availableProcessors();
    private volatile boolean closed;

    public LocalModelPool() {
        specs = BuiltInModels.all(LocalModels.defaultCacheDir()).stream()
                .collect(Collectors.toUnmodifiableMap(LocalModelSpec::name, Function.identity()));
    }

    /**
     * One vector per text, unit length.
     *
     * @throws InputTooLongException if a text is longer than the model reads and {@code truncate} is false
     */
    public List<float[]> embed(String builtInName, List<String> texts, boolean truncate) {
        try {
            return provider(builtInName).embed(new ProviderRequest(texts, InputType.DOCUMENT, truncate)).vectors();
        } catch (InvalidRequestException e) {
            Matcher index = INPUT_INDEX.matcher(e.param() == null ? "" : e.param());
            throw new InputTooLongException(index.matches() ? Integer.parseInt(index.group(1)) : 0,
                    specs.get(builtInName).space().maxTokens(), e.getMessage());
        }
    }

    private LocalOnnxProvider provider(String builtInName) {
        if (closed) {
            throw new IllegalStateException("the simulator has been closed");
        }
        LocalModelSpec spec = specs.get(builtInName);
        if (spec == null) {
            throw new IllegalArgumentException("no built-in model " + builtInName);
        }
        return providers.computeIfAbsent(builtInName,
                name -> new LocalOnnxProvider(spec, InferenceSettings.defaults(spec.batchable(), cores)));
    }

    @Override
    public void close() {
        closed = true;
        providers.values().forEach(LocalOnnxProvider::close);
        providers.clear();
    }
}
