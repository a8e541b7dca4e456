package dev.embedgate.server.providers;

import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.ProviderLimits;
import dev.embedgate.provider.ProviderPlugin;
import dev.embedgate.provider.ProviderRequest;
import dev.embedgate.provider.ProviderResponse;
import dev.embedgate.provider.RemoteModel;
import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.space.EmbeddingSpace;
import java.util.List;

/**
 * A provider kind that exists only on the test class path, registered in this module's test resources: proof that
 * a new kind is one class and one service line, with nothing central to edit.
 */
public final class ConstantPlugin implements ProviderPlugin {

    @Override
    public String kind() {
        return "constant";
    }

    @Override
    public EmbeddingProvider embedding(String name, RemoteModel model, RemoteEndpoint endpoint) {
        return new EmbeddingProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public EmbeddingSpace space() {
                return model.space();
            }

            @Override
            public ProviderResponse embed(ProviderRequest request) {
                List<float[]> vectors = request.texts().stream().map(text -> {
                    float[] vector = new float[model.space().dimensions()];
                    vector[Math.floorMod(text.hashCode(), vector.length)] = 1f;
                    return vector;
                }).toList();
                return new ProviderResponse(vectors, request.texts().size(), List.of());
            }

            @Override
            public ProviderLimits limits() {
                return model.limits();
            }

            @Override
            public boolean ready() {
                return true;
            }
        };
    }
}
