package dev.embedgate.server.keys;

/**
 * A key just created: the only answer that ever holds its secret. Show it to its owner once; it cannot be
 * recovered.
 *
 * @param key    the key as listed from now on
 * @param secret the bearer token callers send ({@code Authorization: Bearer <secret>})
 */
public record CreatedKey(KeySummary key, String secret) {

    @Override
    public String toString() {
        return "CreatedKey[" + key.id() + ", secret redacted]";
    }
}
