package dev.embedgate.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.embedgate.embedding.EmbeddingRequest;
import dev.embedgate.embedding.EmbeddingService;
import dev.embedgate.embedding.Embeddings;
import dev.embedgate.provider.ProviderEnvironment;
import dev.embedgate.server.config.GatewayAssembly;
import dev.embedgate.space.InputType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Embeds texts in-process (no server) and prints the result as JSON. */
@Command(name = "embed", mixinStandardHelpOptions = true, description = "Embeds the texts and prints JSON.")
final class EmbedCommand implements Callable<Integer> {

    @Mixin
    private ConfigOption config;

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", description = "Model name or alias (default: the configured default model).")
    private String model;

    @Option(names = "--input-type", description = "query or document (default: ${DEFAULT-VALUE}).",
            defaultValue = "document", converter = InputTypeConverter.class)
    private InputType inputType;

    @Parameters(arity = "1..*", paramLabel = "TEXT", description = "Texts to embed.")
    private List<String> texts;

    @Override
    public Integer call() throws Exception {
        ProviderEnvironment environment = EmbedGateCli.environment(spec);
        EmbeddingService service = GatewayAssembly.embeddingService(config.load(environment), environment);
        try (var registry = service.registry()) {
            Embeddings result = service.embed(new EmbeddingRequest(model, texts, inputType, null, true));
            var out = new LinkedHashMap<String, Object>();
            out.put("model", result.model());
            out.put("space", result.space().id());
            out.put("provider", result.provider());
            out.put("prompt_tokens", result.promptTokens());
            out.put("truncated_inputs", result.truncatedIndexes());
            out.put("data", result.vectors().stream().map(vector -> Map.of("embedding", vector)).toList());
            spec.commandLine().getOut().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(out));
        }
        return 0;
    }
}
