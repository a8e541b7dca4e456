package dev.embedgate.call;

import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.http.SafeText;
import java.time.Instant;

/**
 * The last failure a provider's call ended with (after its retries), for status pages and the log.
 *
 * @param at      when it happened
 * @param kind    what kind of failure it was
 * @param message what the provider said, cleaned of credentials and key fragments
 */
public record ProviderFailure(Instant at, ProviderCallException.Kind kind, String message) {

    /**
     * The failure a call ended with. Its message is cleaned here once more, whoever wrote it: a provider's own
     * exception (wrapped as {@code SERVER_ERROR}) may carry anything.
     */
    static ProviderFailure of(ProviderCallException failure, Instant at) {
        return new ProviderFailure(at, failure.kind(), SafeText.of(failure.getMessage(), null));
    }
}
