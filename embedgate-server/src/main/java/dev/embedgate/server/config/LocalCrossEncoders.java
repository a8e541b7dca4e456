package dev.embedgate.server.config;

import dev.embedgate.call.CallPaths;
import dev.embedgate.call.Guarded;
import dev.embedgate.rerank.RerankProvider;

/** Opens the ONNX cross-encoders declared under {@code rerank.providers} with kind {@value #KIND}. */
final class LocalCrossEncoders {

    static final String KIND = "local";

    private final CallPaths paths;

    LocalCrossEncoders(CallPaths paths) {
        this.paths = paths;
    }

    Guarded<RerankProvider> open(ProviderConfig config) {
        throw new ConfigException("rerank.providers[" + config.name() + "]: local cross-encoders arrive with the "
                + "embedgate-local cross-encoder");
    }
}
