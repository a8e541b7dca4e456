package dev.embedgate.space;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The identity of a vector space: everything that decides what a vector means. Two vectors are
 * comparable only if their spaces are equal; equal dimensions prove nothing.
 *
 * @param model          the model that produced the vectors, e.g. {@code sentence-transformers/all-MiniLM-L6-v2}
 * @param revision       the weights' revision or export (an int8 export is a different revision of the same model)
 * @param dimensions     length of every vector
 * @param pooling        how token states are pooled into one vector
 * @param normalized     whether vectors have unit L2 norm
 * @param maxTokens      input length (in the model's tokens, special tokens included) beyond which text is cut
 * @param queryPrefix    text prepended to queries ("" if the model takes none)
 * @param documentPrefix text prepended to documents ("" if the model takes none)
 */
public record EmbeddingSpace(
        String model,
        String revision,
        int dimensions,
        Pooling pooling,
        boolean normalized,
        int maxTokens,
        String queryPrefix,
        String documentPrefix) {

    public EmbeddingSpace {
        requireText(model, "model");
        requireText(revision, "revision");
        Objects.requireNonNull(pooling, "pooling");
        Objects.requireNonNull(queryPrefix, "queryPrefix (use \"\" for none)");
        Objects.requireNonNull(documentPrefix, "documentPrefix (use \"\" for none)");
        if (dimensions <= 0) {
            throw new IllegalArgumentException("dimensions must be positive, was " + dimensions);
        }
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be positive, was " + maxTokens);
        }
    }

    /**
     * Ids already computed, by space: {@link #id} runs on every request (headers, cache keys), and for spaces with
     * prefixes it costs a SHA-256. A record cannot hold a lazily computed field, so they are remembered here; there
     * are only as many spaces as configured routes, and past the bound ids are simply computed again.
     */
    private static final Map<EmbeddingSpace, String> IDS = new ConcurrentHashMap<>();
    private static final int MAX_REMEMBERED_IDS = 1_024;

    /** A stable, readable key naming this space, fit for cache keys, headers and table names. */
    public String id() {
        String id = IDS.get(this);
        if (id == null) {
            id = computeId();
            if (IDS.size() < MAX_REMEMBERED_IDS) {
                IDS.putIfAbsent(this, id);
            }
        }
        return id;
    }

    private String computeId() {
        return model + "@" + revision + ";dim=" + dimensions + ";pool=" + pooling.name().toLowerCase()
                + ";norm=" + (normalized ? "l2" : "none") + ";max=" + maxTokens
                + (queryPrefix.isEmpty() && documentPrefix.isEmpty() ? "" : ";prefix=" + prefixDigest());
    }

    /** A digest of the prefixes (which may be long), so that spaces differing only in them never share an id. */
    private String prefixDigest() {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(queryPrefix.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(documentPrefix.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The prefix that goes in front of a text of the given type. */
    public String prefixFor(InputType type) {
        return type == InputType.QUERY ? queryPrefix : documentPrefix;
    }

    /** The same space with a different truncation length: a different space, since long texts embed differently. */
    public EmbeddingSpace withMaxTokens(int tokens) {
        return new EmbeddingSpace(model, revision, dimensions, pooling, normalized, tokens, queryPrefix, documentPrefix);
    }

    /**
     * The same model cut to another length (a model that shortens its vectors on request): a different space, whose
     * vectors are never compared with those of this one.
     */
    public EmbeddingSpace withDimensions(int length) {
        return new EmbeddingSpace(model, revision, length, pooling, normalized, maxTokens, queryPrefix, documentPrefix);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
