package dev.embedgate.embedding;

/**
 * What one provider did for a request.
 *
 * @param provider the provider's name
 * @param calls    calls that it answered
 * @param tokens   tokens it processed (and bills)
 */
public record ProviderUsage(String provider, int calls, long tokens) {

    ProviderUsage plus(ProviderUsage other) {
        return new ProviderUsage(provider, calls + other.calls, tokens + other.tokens);
    }
}
