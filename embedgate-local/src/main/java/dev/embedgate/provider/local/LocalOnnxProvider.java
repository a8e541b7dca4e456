package dev.embedgate.provider.local;

import dev.embedgate.error.InvalidRequestException;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.ProviderCallException.Kind;
import dev.embedgate.provider.ProviderLimits;
import dev.embedgate.provider.ProviderRequest;
import dev.embedgate.provider.ProviderResponse;
import dev.embedgate.provider.TokenCounter;
import dev.embedgate.space.EmbeddingSpace;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model running in-process on ONNX Runtime. Texts are tokenized on the caller's thread (so batching can
 * count tokens), then queued to a {@link BatchScheduler} that packs concurrent callers' texts into shared
 * inference calls. The weights load on first use or on {@link #warmUp()}.
 *
 * <p>It fails the way remote providers do, so that a route can fail over from it: weights that cannot load or a
 * closed model are {@link Kind#UNAVAILABLE}; the rest is {@link ScheduledInference}'s.
 */
public final class LocalOnnxProvider implements EmbeddingProvider {

    private static final Logger log = LoggerFactory.getLogger(LocalOnnxProvider.class);

    private record LoadedModel(TextTokenizer tokenizer, OnnxEncoder encoder, BatchScheduler<long[]> scheduler) {
        void close() {
            scheduler.close();
            encoder.close();
            tokenizer.close();
        }
    }

    private final LocalModelSpec spec;
    private final InferenceSettings settings;
    private volatile LoadedModel model;
    private boolean closed;

    public LocalOnnxProvider(LocalModelSpec spec, InferenceSettings settings) {
        this.spec = spec;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "local/" + spec.name();
    }

    @Override
    public EmbeddingSpace space() {
        return spec.space();
    }

    @Override
    public ProviderResponse embed(ProviderRequest request) {
        LoadedModel loaded = loaded();
        String prefix = spec.space().prefixFor(request.inputType());
        List<String> texts = prefix.isEmpty() ? request.texts() : request.texts().stream().map(prefix::concat).toList();
        List<TokenizedText> tokenized = tokenize(loaded.tokenizer(), texts);

        var truncated = new ArrayList<Integer>();
        var ids = new ArrayList<long[]>(tokenized.size());
        long tokens = 0;
        for (int i = 0; i < tokenized.size(); i++) {
            TokenizedText text = tokenized.get(i);
            if (text.truncated()) {
                if (!request.truncate()) {
                    throw InvalidRequestException.forInput(i, "is longer than the " + spec.space().maxTokens()
                            + " tokens that " + spec.name() + " reads; shorten it or allow truncation", "input_too_long");
                }
                truncated.add(i);
            }
            ids.add(text.ids());
            tokens += text.length();
        }
        return new ProviderResponse(ScheduledInference.run(name(), loaded.scheduler(), ids, request.priority()), tokens, truncated);
    }

    private List<TokenizedText> tokenize(TextTokenizer tokenizer, List<String> texts) {
        try {
            return tokenizer.tokenize(texts);
        } catch (IllegalStateException e) {
            throw failure(Kind.UNAVAILABLE, "the model was closed while this request was tokenized", e);
        }
    }

    private ProviderCallException failure(Kind kind, String message, Throwable cause) {
        return ScheduledInference.failure(name(), kind, message, cause);
    }

    /** Exactly the tokens the model reads (special tokens included, cut at its limit), by its own tokenizer. */
    @Override
    public TokenCounter exactTokens() {
        return text -> tokenize(loaded().tokenizer(), List.of(text)).getFirst().length();
    }

    /** Batches run and texts batched since the model loaded; none before it has. */
    public BatchCounts batchCounts() {
        LoadedModel current = model;
        return current == null ? BatchCounts.NONE : current.scheduler().counts();
    }

    /**
     * Calls of at most {@link InferenceSettings#MAX_TEXTS_PER_CALL} texts and {@link InferenceSettings#tokensPerCall()}
     * tokens: a large request becomes several calls, each admitted on its own and taking turns with other requests'.
     */
    @Override
    public ProviderLimits limits() {
        return new ProviderLimits(Math.min(InferenceSettings.MAX_TEXTS_PER_CALL, settings.queueCapacity()),
                spec.space().maxTokens(), Math.max(spec.space().maxTokens(), settings.tokensPerCall()));
    }

    @Override
    public boolean ready() {
        return model != null;
    }

    @Override
    public void warmUp() {
        loaded();
    }

    private LoadedModel loaded() {
        LoadedModel current = model;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (closed) {
                throw failure(Kind.UNAVAILABLE, "the model has been closed", null);
            }
            if (model == null) {
                model = load();
            }
            return model;
        }
    }

    private LoadedModel load() {
        long start = System.nanoTime();
        TextTokenizer tokenizer = null;
        OnnxEncoder encoder = null;
        try (InputStream tokenizerJson = spec.source().openTokenizerJson()) {
            tokenizer = new TextTokenizer(tokenizerJson, spec.space().maxTokens());
            encoder = new OnnxEncoder(spec.source().onnxFile(), spec.space(), settings.intraOpThreads(),
                    settings.workers() * settings.intraOpThreads());
            OnnxEncoder runner = encoder;
            var scheduler = new BatchScheduler<long[]>(shortName(), runner::encode, ids -> ids.length, settings);
            int loneThreads = settings.workers() * settings.intraOpThreads();
            log.info("loaded {} from {} in {} ms ({} worker(s) x {} thread(s){}, {})", spec.name(),
                    spec.source().describe(), (System.nanoTime() - start) / 1_000_000, settings.workers(),
                    settings.intraOpThreads(), loneThreads > settings.intraOpThreads()
                            ? ", a batch alone on " + loneThreads + " threads" : "",
                    settings.maxBatchSize() == 1 ? "one text per call" : "batches up to " + settings.maxBatchTokens() + " tokens");
            return new LoadedModel(tokenizer, encoder, scheduler);
        } catch (Exception e) {
            if (encoder != null) {
                encoder.close();
            }
            if (tokenizer != null) {
                tokenizer.close();
            }
            throw failure(Kind.UNAVAILABLE, "could not load the model from " + spec.source().describe() + ": "
                    + e.getMessage(), e);
        }
    }

    private String shortName() {
        return spec.name().substring(spec.name().lastIndexOf('/') + 1);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (model != null) {
            model.close();
            model = null;
        }
    }
}
