package dev.embedgate.provider;

import dev.embedgate.provider.http.RemoteEndpoint;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The usual way an API is reached from the environment: a key in one of a few variables, a base URL variable
 * overriding the public endpoint (each setting under one or more names, the first set winning).
 *
 * @param autoOrder          where {@code auto} tries this kind
 * @param keyVariables       variables that may hold the key, in precedence order
 * @param baseUrlVariables   variables that may override the base URL, in precedence order
 * @param defaultBaseUrl     the public endpoint
 * @param baseUrlReplacesKey whether a base URL alone makes the kind usable (a self-hosted, key-less server)
 */
public record KeyedEnvironment(int autoOrder, SynonymousVariables keyVariables, SynonymousVariables baseUrlVariables,
                               URI defaultBaseUrl, boolean baseUrlReplacesKey) implements EnvironmentAccess {

    /** The key, from the first of the key variables that is set. */
    public Optional<Secret> key(ProviderEnvironment environment) {
        return keyVariables.setName(environment).flatMap(environment::secret);
    }

    /** The base URL, from the first of its variables that is set, else the public endpoint. */
    public URI baseUrl(ProviderEnvironment environment) {
        return baseUrlVariables.setName(environment).map(name -> environment.url(name, defaultBaseUrl))
                .orElse(defaultBaseUrl);
    }

    @Override
    public Optional<String> credentialVariable(ProviderEnvironment environment) {
        return keyVariables.setName(environment);
    }

    @Override
    public Optional<String> missing(ProviderEnvironment environment) {
        boolean usable = key(environment).isPresent()
                || baseUrlReplacesKey && baseUrlVariables.setName(environment).isPresent();
        if (usable) {
            return Optional.empty();
        }
        String keys = keyVariables.describe();
        return Optional.of(baseUrlReplacesKey ? keys + " (or " + baseUrlVariables.describe()
                + " for a compatible server that takes no key)" : keys);
    }

    @Override
    public RemoteEndpoint endpoint(ProviderEnvironment environment, Duration timeout) {
        return new RemoteEndpoint(baseUrl(environment), key(environment).orElse(null), timeout);
    }

    @Override
    public List<SynonymousVariables> synonyms() {
        return List.of(keyVariables, baseUrlVariables);
    }
}
