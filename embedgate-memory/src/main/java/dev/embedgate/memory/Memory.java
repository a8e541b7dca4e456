package dev.embedgate.memory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A saved memory: text with metadata, in a namespace (a tenant or a scope). Its vectors live beside it, one per
 * embedding space ({@link MemoryVector}); the memory itself is kept whether or not any vector exists yet.
 *
 * @param namespace   the tenant or scope; ids are unique within it
 * @param id          given by the caller (idempotent upserts) or generated
 * @param content     the text that is embedded and keyword-indexed
 * @param metadata    what filters match on
 * @param importance  0..1, for ranking boosts and for recall when no query vector can be had
 * @param createdAt   when the memory was first saved (kept by later upserts)
 * @param updatedAt   when it was last saved or patched
 * @param contentHash {@link #hash} of the content: a vector belongs to the content it was made from
 */
public record Memory(String namespace, String id, String content, Metadata metadata, double importance,
                     Instant createdAt, Instant updatedAt, String contentHash) {

    public static final int MAX_ID_LENGTH = 256;
    public static final int MAX_NAMESPACE_LENGTH = 128;

    public Memory {
        requireName(namespace, "namespace", MAX_NAMESPACE_LENGTH);
        requireName(id, "id", MAX_ID_LENGTH);
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(metadata, "metadata");
        if (!(importance >= 0 && importance <= 1)) {
            throw new IllegalArgumentException("importance must be within 0..1, was " + importance);
        }
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(contentHash, "contentHash");
    }

    /** A memory saved now, with the hash of its content. */
    public static Memory saved(String namespace, String id, String content, Metadata metadata, double importance,
                               Instant now) {
        return new Memory(namespace, id, content, metadata, importance, now, now, hash(content));
    }

    /** SHA-256 of the UTF-8 content, hex. */
    public static String hash(String content) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void requireName(String value, String name, int maxLength) {
        if (value == null || value.isEmpty() || value.length() > maxLength) {
            throw new IllegalArgumentException(name + " must be 1.." + maxLength + " characters");
        }
    }
}
