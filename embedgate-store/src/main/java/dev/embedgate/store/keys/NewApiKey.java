package dev.embedgate.store.keys;

/**
 * A key just created: the only time its secret is known. Show it to its owner once; it cannot be recovered.
 *
 * @param key    the stored key
 * @param secret the bearer token to send ({@code Authorization: Bearer <secret>})
 */
public record NewApiKey(ApiKey key, String secret) {

    @Override
    public String toString() {
        return "NewApiKey[" + key.id() + ", secret redacted]";
    }
}
