package dev.embedgate.call;

import dev.embedgate.provider.ProviderCallException;

/**
 * One attempt of a provider call, of any capability, as the call path runs it.
 *
 * @param <T> what the provider answers
 */
@FunctionalInterface
public interface UpstreamCall<T> {

    /**
     * @param feedback where the attempt reports what the provider said about its budget (rate-limit headers)
     * @throws ProviderCallException when the attempt fails, saying whether trying again may help
     */
    T attempt(UpstreamFeedback feedback);
}
