package dev.embedgate.rerank;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Relevance scores by (model, raw or not, query, document), in memory. Keys are SHA-256 digests, so a cached score
 * holds 16 bytes of key however long its texts; a score is the model's, whichever provider of it computed it.
 * Thread-safe.
 */
final class RerankScoreCache {

    private record Key(long high, long low) {
    }

    private final Cache<Key, Double> scores;

    RerankScoreCache(long maxEntries) {
        this.scores = maxEntries == 0 ? null : Caffeine.newBuilder().maximumSize(maxEntries).build();
    }

    /** The cached score, or null. */
    Double get(String model, boolean raw, String query, String document) {
        return scores == null ? null : scores.getIfPresent(key(model, raw, query, document));
    }

    void put(String model, boolean raw, String query, String document, double score) {
        if (scores != null) {
            scores.put(key(model, raw, query, document), score);
        }
    }

    private static Key key(String model, boolean raw, String query, String document) {
        MessageDigest digest = sha256();
        update(digest, model);
        digest.update((byte) (raw ? 1 : 0));
        update(digest, query);
        update(digest, document);
        ByteBuffer hash = ByteBuffer.wrap(digest.digest());
        return new Key(hash.getLong(), hash.getLong());
    }

    /** Length first, so that no two different (query, document) pairs feed the digest the same bytes. */
    private static void update(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
