package dev.embedgate.server.routes;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.embedgate.space.Pooling;
import java.util.List;

/**
 * A configured model as listed by {@code /v1/models}, {@code embedgate models} and the dashboard.
 *
 * @param name         the canonical name
 * @param aliases      other accepted names
 * @param space        the id of the space its vectors belong to
 * @param dimensions   the length of its vectors
 * @param supportedDimensions the lengths a request may ask for ({@code dimensions}), each a space of its own
 * @param maxTokens    the input length beyond which text is cut
 * @param pooling      how token states become one vector
 * @param providers    the providers of its space, in the order they are tried
 * @param fallback     providers of another space tried when those fail (degraded vectors)
 * @param defaultModel whether it serves callers that name no model
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ConfiguredModel(String name, List<String> aliases, String space, int dimensions,
                              SupportedDimensions supportedDimensions, int maxTokens, Pooling pooling,
                              List<String> providers, List<String> fallback, boolean defaultModel) {

    public ConfiguredModel {
        aliases = List.copyOf(aliases);
        providers = List.copyOf(providers);
        fallback = List.copyOf(fallback);
    }
}
