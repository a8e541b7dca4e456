package dev.embedgate.server.config;

import dev.embedgate.call.Guarded;
import dev.embedgate.provider.Provider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The providers one section declares ({@code chat.providers}, {@code rerank.providers}), each built once behind its
 * call path, and found again by the names its routes list.
 *
 * @param <P> the capability
 */
final class DeclaredProviders<P extends Provider> {

    private final String section;
    private final Map<String, Guarded<P>> byName = new LinkedHashMap<>();

    /** @throws ConfigException when a name is used twice, or a provider cannot be built */
    DeclaredProviders(String section, List<ProviderConfig> declared, Function<ProviderConfig, Guarded<P>> build) {
        this.section = section;
        try {
            for (ProviderConfig provider : declared) {
                if (byName.containsKey(provider.name())) {
                    throw new ConfigException(section + ": the name '" + provider.name() + "' is used twice");
                }
                byName.put(provider.name(), build.apply(provider));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * The providers a route lists, in its order.
     *
     * @param route where the list is, e.g. {@code chat.routes[gpt-4o-mini]}, for the message
     * @throws ConfigException naming a provider that is not declared
     */
    List<Guarded<P>> named(String route, List<String> names) {
        var found = new ArrayList<Guarded<P>>(names.size());
        for (String name : names) {
            Guarded<P> provider = byName.get(name);
            if (provider == null) {
                throw new ConfigException(route + " names provider '" + name + "', which is not declared under "
                        + section + "; declared: " + byName.keySet());
            }
            found.add(provider);
        }
        return found;
    }

    /** Closes every provider built (when the configuration turns out to be wrong after all). */
    void close() {
        byName.values().forEach(provider -> provider.provider().close());
    }
}
