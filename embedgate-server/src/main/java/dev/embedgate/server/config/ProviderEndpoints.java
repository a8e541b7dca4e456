package dev.embedgate.server.config;

import dev.embedgate.provider.Capability;
import dev.embedgate.provider.ProviderEnvironment;
import dev.embedgate.provider.ProviderPlugin;
import dev.embedgate.provider.ProviderPlugins;
import dev.embedgate.provider.Secret;
import dev.embedgate.provider.http.RemoteEndpoint;
import java.net.URI;
import java.time.Duration;

/**
 * Where a configured provider is reached, whatever its capability: its plug-in, and its endpoint from the file's
 * {@code baseUrl} and {@code apiKeyEnv} or else from the kind's conventional environment variables (the same for
 * embedding, reranking and chat).
 */
final class ProviderEndpoints {

    private final ProviderPlugins plugins;
    private final ProviderEnvironment environment;

    ProviderEndpoints(ProviderPlugins plugins, ProviderEnvironment environment) {
        this.plugins = plugins;
        this.environment = environment;
    }

    /**
     * @param section    where the provider is declared ({@code providers}, {@code chat.providers}, …), for messages
     * @param capability what the section needs the provider to do
     * @param ownKinds   the kinds EmbedGate itself offers in that section, named in the message for an unknown kind
     */
    ProviderPlugin plugin(ProviderConfig config, String section, Capability capability, String ownKinds) {
        ProviderPlugin plugin = plugins.find(config.kind()).orElseThrow(() -> new ConfigException(section + "["
                + config.name() + "].kind: '" + config.kind() + "' is not a provider kind; use "
                + String.join(", ", plugins.kinds()) + (ownKinds.isEmpty() ? "" : ", " + ownKinds)));
        if (!plugin.capabilities().contains(capability)) {
            throw new ConfigException(section + "[" + config.name() + "].kind: " + plugin.kind()
                    + " providers do not offer " + capability.wireName() + " (they offer "
                    + plugin.capabilities().stream().map(Capability::wireName).toList() + ")");
        }
        return plugin;
    }

    RemoteEndpoint endpoint(ProviderPlugin plugin, ProviderConfig config, String section) {
        Duration timeout = config.timeoutMillis() == null ? null : Duration.ofMillis(config.timeoutMillis());
        if (plugin.environment().isEmpty() && config.baseUrl() == null) {
            throw new ConfigException(section + "[" + config.name() + "].baseUrl is required for a " + plugin.kind()
                    + " provider (the environment does not say where it is)");
        }
        RemoteEndpoint conventional = plugin.environment().isEmpty() ? null : environment.endpoint(plugin, timeout);
        Secret key = config.apiKeyEnv() != null
                ? environment.secret(config.apiKeyEnv()).orElseThrow(() -> new ConfigException(section + "["
                        + config.name() + "].apiKeyEnv: the variable " + config.apiKeyEnv() + " is not set"))
                : conventional == null ? null : conventional.apiKey();
        try {
            URI baseUrl = config.baseUrl() != null ? URI.create(config.baseUrl()) : conventional.baseUrl();
            return new RemoteEndpoint(baseUrl, key, timeout);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(section + "[" + config.name() + "].baseUrl: " + e.getMessage(), e);
        }
    }
}
