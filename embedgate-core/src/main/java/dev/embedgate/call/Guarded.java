package dev.embedgate.call;

import dev.embedgate.provider.Provider;
import java.util.Objects;

/**
 * A provider of some capability together with the call path every call to it takes. Routes hold these, so that no
 * caller can reach a provider around its limits, retries, breaker and deadline.
 *
 * @param provider the provider
 * @param path     its limits, retries, circuit breaker and deadline
 * @param <P>      the capability interface
 */
public record Guarded<P extends Provider>(P provider, ResilientCallPath path) {

    public Guarded {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(path, "path");
        if (!path.provider().equals(provider.name())) {
            throw new IllegalArgumentException("the call path of " + path.provider() + " cannot guard " + provider.name());
        }
    }

    public String name() {
        return provider.name();
    }

    /** Whether a call may be made now: the provider is reachable without loading, and its circuit is not open. */
    public boolean ready() {
        return path.admitsCalls() && provider.ready();
    }

    /** Whether the provider can be reached now, checked without spending anything, and its circuit is not open. */
    public boolean reachable() {
        return path.admitsCalls() && provider.reachable();
    }
}
