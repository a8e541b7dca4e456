package dev.embedgate.cache;

import dev.embedgate.space.EmbeddingSpace;
import dev.embedgate.space.InputType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a cached vector is for: a SHA-256 of the embedding space, the input type, the requested dimensions and
 * the exact text (or, for token ids that are not their text's own encoding, the ids). Two spaces never share a key,
 * even at equal dimensions. The space's id travels with the key,
 * so that a tier can list and purge entries by space.
 */
public final class CacheKey {

    private final String spaceId;
    private final byte[] digest;
    private final int hash;

    private CacheKey(String spaceId, byte[] digest) {
        this.spaceId = spaceId;
        this.digest = digest;
        this.hash = Arrays.hashCode(digest);
    }

    public static CacheKey of(EmbeddingSpace space, InputType inputType, int dimensions, String text) {
        MessageDigest sha256 = start(space, inputType, dimensions);
        sha256.update(text.getBytes(StandardCharsets.UTF_8));
        return new CacheKey(space.id(), sha256.digest());
    }

    /**
     * The key of cl100k_base token ids that are not their decoded text's own encoding: to an OpenAI model they are an
     * input of their own, never the text's. It cannot equal a text's key: its digested bytes after the dimensions
     * start with 0xFF, which no UTF-8 text holds.
     */
    public static CacheKey ofTokenIds(EmbeddingSpace space, InputType inputType, int dimensions, int[] ids) {
        MessageDigest sha256 = start(space, inputType, dimensions);
        sha256.update((byte) 0xFF);
        var bytes = ByteBuffer.allocate(ids.length * Integer.BYTES);
        bytes.asIntBuffer().put(ids);
        sha256.update(bytes.array());
        return new CacheKey(space.id(), sha256.digest());
    }

    private static MessageDigest start(EmbeddingSpace space, InputType inputType, int dimensions) {
        MessageDigest sha256 = sha256();
        sha256.update(space.id().getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update((byte) inputType.ordinal());
        sha256.update(new byte[] {(byte) (dimensions >>> 24), (byte) (dimensions >>> 16), (byte) (dimensions >>> 8),
                (byte) dimensions});
        return sha256;
    }

    /** A key read back from a tier that stores the digest as hex. */
    public static CacheKey fromHex(String spaceId, String hex) {
        return new CacheKey(Objects.requireNonNull(spaceId, "spaceId"), HexFormat.of().parseHex(hex));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The id of the space the vector belongs to. */
    public String spaceId() {
        return spaceId;
    }

    /** The digest as 64 lower-case hex characters. */
    public String hex() {
        return HexFormat.of().formatHex(digest);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CacheKey key && Arrays.equals(digest, key.digest);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return spaceId + "#" + hex().substring(0, 16);
    }
}
