package dev.embedgate.provider;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A reranking model EmbedGate knows the defaults of, as one provider kind serves it.
 *
 * @param kind                the provider kind serving it
 * @param name                the provider's name for it
 * @param maxDocumentsPerCall most documents one call carries
 * @param usdPerMillionTokens US dollars per million tokens, for APIs that bill tokens
 * @param usdPerRequest       US dollars per call, for APIs that bill searches (Cohere)
 */
public record KnownRerankModel(String kind, String name, int maxDocumentsPerCall, BigDecimal usdPerMillionTokens,
                               BigDecimal usdPerRequest) {

    public KnownRerankModel {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(usdPerMillionTokens, "usdPerMillionTokens");
        Objects.requireNonNull(usdPerRequest, "usdPerRequest");
        if (maxDocumentsPerCall < 1) {
            throw new IllegalArgumentException("maxDocumentsPerCall must be at least 1");
        }
    }
}
