package dev.embedgate.server.config;

import dev.embedgate.call.CallPaths;
import dev.embedgate.call.Guarded;
import dev.embedgate.call.ResiliencePolicy;
import dev.embedgate.limits.ProviderRateLimiter;
import dev.embedgate.chat.ChatDeadlines;
import dev.embedgate.chat.ChatModel;
import dev.embedgate.chat.ChatProvider;
import dev.embedgate.chat.ChatRoute;
import dev.embedgate.chat.ChatRoutes;
import dev.embedgate.provider.Capability;
import dev.embedgate.provider.KnownChatModel;
import dev.embedgate.provider.ProviderEnvironment;
import dev.embedgate.provider.ProviderPlugin;
import dev.embedgate.provider.ProviderPlugins;
import dev.embedgate.usage.Price;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the chat models: those of {@code chat.routes} over {@code chat.providers}, then every known chat model of
 * each kind whose credentials are in the environment (served by its own name, unless a configured route answers to
 * it). Each provider gets its call path and its price.
 */
final class ConfiguredChat {

    private static final String SECTION = "chat.providers";
    private static final Duration ENVIRONMENT_TIMEOUT = Duration.ofSeconds(60);

    private final ProviderPlugins plugins;
    private final ProviderEnvironment environment;
    private final ProviderEndpoints endpoints;
    private final RateLimiters rateLimiters;
    private final CallPaths paths;
    private final Map<String, Price> prices = new LinkedHashMap<>();

    ConfiguredChat(ProviderPlugins plugins, ProviderEnvironment environment, RateLimiters rateLimiters,
                   CallPaths paths) {
        this.plugins = plugins;
        this.environment = environment;
        this.endpoints = new ProviderEndpoints(plugins, environment);
        this.rateLimiters = rateLimiters;
        this.paths = paths;
    }

    ChatRoutes build(ChatConfig config) {
        ChatDeadlines deadlines = config.deadlines().toDeadlines();
        var providers = new LinkedHashMap<String, Guarded<ChatProvider>>();
        for (ProviderConfig provider : config.providers()) {
            if (providers.containsKey(provider.name())) {
                throw new ConfigException(SECTION + ": the name '" + provider.name() + "' is used twice");
            }
            providers.put(provider.name(), configured(provider, deadlines));
        }
        var routes = new ArrayList<ChatRoute>();
        for (ChatConfig.Route route : config.routes()) {
            var named = new ArrayList<Guarded<ChatProvider>>();
            for (String name : route.providers()) {
                Guarded<ChatProvider> provider = providers.get(name);
                if (provider == null) {
                    throw new ConfigException("chat.routes[" + route.name() + "] names provider '" + name
                            + "', which is not declared under chat.providers; declared: " + providers.keySet());
                }
                named.add(provider);
            }
            routes.add(new ChatRoute(route.name(), route.aliases(), named, route.fallbackModels()));
        }
        addEnvironmentModels(routes, deadlines);
        try {
            return new ChatRoutes(routes);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("chat.routes: " + e.getMessage(), e);
        }
    }

    /** The price of every chat provider built, by provider name. */
    Map<String, Price> prices() {
        return prices;
    }

    private Guarded<ChatProvider> configured(ProviderConfig config, ChatDeadlines deadlines) {
        ProviderPlugin plugin = endpoints.plugin(config, SECTION, Capability.CHAT, "");
        ChatProvider provider = plugin.chat(config.name(), new ChatModel(config.model(), deadlines),
                endpoints.endpoint(plugin, config, SECTION));
        KnownChatModel known = known(plugin, config.model());
        prices.put(config.name(), new Price(
                config.usdPerMillionTokens() != null ? config.usdPerMillionTokens()
                        : known == null ? BigDecimal.ZERO : known.usdPerMillionInputTokens(),
                config.usdPerMillionOutputTokens().signum() != 0 || known == null ? config.usdPerMillionOutputTokens()
                        : known.usdPerMillionOutputTokens(),
                config.usdPerRequest()));
        // A chat call lasts as long as its answer: unless set, its deadline is the answer's own.
        ResiliencePolicy policy = config.deadlineMillis() == null ? config.policy().withDeadline(deadlines.total())
                : config.policy();
        return paths.guard(provider, policy, rateLimiters.forProvider(config.name(), config.rateLimit(),
                config.backgroundShare()));
    }

    private void addEnvironmentModels(List<ChatRoute> routes, ChatDeadlines deadlines) {
        for (ProviderPlugin plugin : environment.withCredentials(plugins)) {
            if (!plugin.capabilities().contains(Capability.CHAT)) {
                continue;
            }
            for (KnownChatModel model : plugin.knownChatModels()) {
                if (routes.stream().anyMatch(route -> route.isNamed(model.name()))) {
                    continue;
                }
                String name = plugin.kind() + "/" + model.name();
                ChatProvider provider = plugin.chat(name, new ChatModel(model.name(), deadlines),
                        environment.endpoint(plugin, ENVIRONMENT_TIMEOUT));
                prices.put(name, new Price(model.usdPerMillionInputTokens(), model.usdPerMillionOutputTokens(),
                        BigDecimal.ZERO));
                routes.add(new ChatRoute(model.name(), List.of(), List.of(paths.guard(provider,
                        ResiliencePolicy.DEFAULT.withDeadline(deadlines.total()), ProviderRateLimiter.UNLIMITED)),
                        List.of()));
            }
        }
    }

    private static KnownChatModel known(ProviderPlugin plugin, String model) {
        return plugin.knownChatModels().stream().filter(known -> known.name().equalsIgnoreCase(model)).findFirst()
                .orElse(null);
    }
}
