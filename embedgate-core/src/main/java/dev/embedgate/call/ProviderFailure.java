package dev.embedgate.call;

import dev.embedgate.provider.ProviderCallException;
import java.time.Instant;

/**
 * The last failure a provider's call ended with (after its retries), for status pages.
 *
 * @param at      when it happened
 * @param kind    what kind of failure it was
 * @param message what the provider said, cleaned of credentials
 */
public record ProviderFailure(Instant at, ProviderCallException.Kind kind, String message) {
}
