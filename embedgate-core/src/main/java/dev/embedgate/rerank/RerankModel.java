package dev.embedgate.rerank;

import java.util.Objects;

/**
 * A reranking model as one provider serves it.
 *
 * @param wireName            the provider's name for it, sent on the wire (may be empty where the endpoint serves
 *                            one model and takes no name, as TEI)
 * @param maxDocumentsPerCall most documents one call carries; larger requests are split
 */
public record RerankModel(String wireName, int maxDocumentsPerCall) {

    /** Pairs per call unless the provider or configuration says otherwise. */
    public static final int DEFAULT_DOCUMENTS_PER_CALL = 32;

    public RerankModel {
        Objects.requireNonNull(wireName, "wireName");
        if (maxDocumentsPerCall < 1) {
            throw new IllegalArgumentException("maxDocumentsPerCall must be at least 1, was " + maxDocumentsPerCall);
        }
    }

    public RerankModel(String wireName) {
        this(wireName, DEFAULT_DOCUMENTS_PER_CALL);
    }
}
