package dev.embedgate.server.config;

import dev.embedgate.call.CallPaths;
import dev.embedgate.call.Guarded;
import dev.embedgate.provider.local.CrossEncoderOptions;
import dev.embedgate.provider.local.LocalCrossEncoder;
import dev.embedgate.rerank.RerankProvider;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens the ONNX cross-encoders declared under {@code rerank.providers} with kind {@value #KIND}: {@code model} is
 * the model's directory, {@code maxTokens} the longest pair (unset: the model's limit) and
 * {@code limits.maxInputsPerRequest} the pairs per batch (unset: 32). Rate limits and resilience apply as to any
 * provider; settings of a remote endpoint are refused, since they would do nothing.
 */
final class LocalCrossEncoders {

    static final String KIND = "local";

    private final CallPaths paths;
    private final RateLimiters rateLimiters;

    LocalCrossEncoders(CallPaths paths, RateLimiters rateLimiters) {
        this.paths = paths;
        this.rateLimiters = rateLimiters;
    }

    Guarded<RerankProvider> open(ProviderConfig config) {
        String key = "rerank.providers[" + config.name() + "]";
        if (config.baseUrl() != null || config.apiKeyEnv() != null || config.dimensions() != null) {
            throw new ConfigException(key + ": baseUrl, apiKeyEnv and dimensions cannot be set on a local "
                    + "cross-encoder, which is not called over the network; remove them");
        }
        CrossEncoderOptions options = CrossEncoderOptions.defaults();
        if (config.maxTokens() != null) {
            options = options.withMaxLength(config.maxTokens());
        }
        if (config.limits() != null) {
            options = options.withBatchSize(config.limits().maxInputsPerRequest());
        }
        Path directory = Path.of(config.model());
        LocalCrossEncoder encoder;
        try {
            encoder = LocalCrossEncoder.open(directory, directory.getFileName().toString(), options);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(key + ".model: " + e.getMessage(), e);
        }
        return paths.guard(encoder, config.policy(), rateLimiters.forProvider(config.name(), config.rateLimit(),
                config.backgroundShare()));
    }
}
