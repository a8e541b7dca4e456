package dev.embedgate.server.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.embedgate.chat.ChatDeadlines;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Chat completions ({@code /v1/chat/completions}).
 *
 * @param providers chat providers, declared as embedding providers are (kind, model, baseUrl, apiKeyEnv, rateLimit,
 *                  resilience, prices); kinds: openai (and any OpenAI-compatible server by baseUrl), huggingface,
 *                  ollama, cohere
 * @param routes    chat models as callers name them; beside them, every known chat model of a kind whose
 *                  credentials are in the environment is served by name
 * @param deadlines how long a chat call may take to its first token, between tokens and in all
 */
public record ChatConfig(List<ProviderConfig> providers, List<Route> routes, Deadlines deadlines) {

    static final ChatConfig DEFAULT = new ChatConfig(null, null, null);

    public ChatConfig {
        providers = providers == null ? List.of() : List.copyOf(providers);
        routes = routes == null ? List.of() : List.copyOf(routes);
        deadlines = Objects.requireNonNullElse(deadlines, Deadlines.DEFAULT);
    }

    /**
     * A chat model as callers name it.
     *
     * @param name           the model name requests use
     * @param aliases        other accepted names
     * @param providers      names of {@code chat.providers}, tried in order before the first token
     * @param fallbackModels other chat models (routes) tried once every provider failed before the first token,
     *                       typically a local Ollama model; also accepted as {@code fallback_models}
     */
    public record Route(String name, List<String> aliases, List<String> providers, List<String> fallbackModels) {

        /** Reads a route, taking the fallback models under either spelling but refusing both at once. */
        @JsonCreator
        static Route read(@JsonProperty("name") String name, @JsonProperty("aliases") List<String> aliases,
                          @JsonProperty("providers") List<String> providers,
                          @JsonProperty("fallbackModels") List<String> fallbackModels,
                          @JsonProperty("fallback_models") List<String> fallbackModelsSnakeCase) {
            ConfigChecks.require(fallbackModels == null || fallbackModelsSnakeCase == null, "chat.routes[" + name + "]",
                    "gives fallbackModels and fallback_models: give one of them");
            return new Route(name, aliases, providers, fallbackModels != null ? fallbackModels : fallbackModelsSnakeCase);
        }

        public Route {
            ConfigChecks.require(name != null && !name.isBlank(), "chat.routes[].name", "is required");
            ConfigChecks.require(providers != null && !providers.isEmpty(), "chat.routes[" + name + "].providers",
                    "must name at least one provider of chat.providers");
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
            providers = List.copyOf(providers);
            fallbackModels = fallbackModels == null ? List.of() : List.copyOf(fallbackModels);
        }
    }

    /** See {@link ChatDeadlines}; unset fields keep its defaults (30 s, 30 s, 10 min). */
    public record Deadlines(Duration firstToken, Duration betweenTokens, Duration total) {
        static final Deadlines DEFAULT = new Deadlines(null, null, null);

        public Deadlines {
            firstToken = positive(firstToken, ChatDeadlines.DEFAULT.firstToken(), "firstToken");
            betweenTokens = positive(betweenTokens, ChatDeadlines.DEFAULT.betweenTokens(), "betweenTokens");
            total = positive(total, ChatDeadlines.DEFAULT.total(), "total");
            ConfigChecks.require(firstToken.compareTo(total) <= 0 && betweenTokens.compareTo(total) <= 0,
                    "chat.deadlines", "firstToken and betweenTokens cannot be longer than total (" + total + ")");
        }

        ChatDeadlines toDeadlines() {
            return new ChatDeadlines(firstToken, betweenTokens, total);
        }

        private static Duration positive(Duration value, Duration fallback, String key) {
            Duration chosen = Objects.requireNonNullElse(value, fallback);
            ConfigChecks.require(chosen.isPositive(), "chat.deadlines." + key, "must be positive, was " + chosen);
            return chosen;
        }
    }
}
