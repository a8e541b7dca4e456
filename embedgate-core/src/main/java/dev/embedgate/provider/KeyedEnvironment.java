package dev.embedgate.provider;

import dev.embedgate.provider.http.RemoteEndpoint;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The usual way an API is reached from the environment: a key in one of a few variables (the first set wins), a
 * base URL variable overriding the public endpoint.
 *
 * @param autoOrder         where {@code auto} tries this kind
 * @param keyVariables      variables that may hold the key, in precedence order
 * @param baseUrlVariable   the variable overriding the base URL
 * @param defaultBaseUrl    the public endpoint
 * @param baseUrlReplacesKey whether a base URL alone makes the kind usable (a self-hosted, key-less server)
 */
public record KeyedEnvironment(int autoOrder, List<String> keyVariables, String baseUrlVariable, URI defaultBaseUrl,
                               boolean baseUrlReplacesKey) implements EnvironmentAccess {

    public KeyedEnvironment {
        keyVariables = List.copyOf(keyVariables);
    }

    /** The key, from the first of the key variables that is set. */
    public Optional<Secret> key(ProviderEnvironment environment) {
        return keyVariables.stream().map(environment::secret).flatMap(Optional::stream).findFirst();
    }

    @Override
    public Optional<String> credentialVariable(ProviderEnvironment environment) {
        return keyVariables.stream().filter(variable -> environment.secret(variable).isPresent()).findFirst();
    }

    @Override
    public Optional<String> missing(ProviderEnvironment environment) {
        boolean usable = key(environment).isPresent()
                || baseUrlReplacesKey && environment.value(baseUrlVariable).isPresent();
        if (usable) {
            return Optional.empty();
        }
        String keys = String.join(" or ", keyVariables);
        return Optional.of(baseUrlReplacesKey ? keys + " (or " + baseUrlVariable
                + " for a compatible server that takes no key)" : keys);
    }

    @Override
    public RemoteEndpoint endpoint(ProviderEnvironment environment, Duration timeout) {
        return new RemoteEndpoint(environment.url(baseUrlVariable, defaultBaseUrl), key(environment).orElse(null),
                timeout);
    }
}
