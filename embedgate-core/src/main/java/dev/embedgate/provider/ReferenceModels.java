package dev.embedgate.provider;

import dev.embedgate.space.EmbeddingSpace;
import dev.embedgate.space.Pooling;
import dev.embedgate.space.ReferenceSpaces;
import java.math.BigDecimal;
import java.util.List;

/**
 * sentence-transformers models served with their reference weights and pipeline (the Hugging Face router, TEI):
 * all-MiniLM-L6-v2 and bge-small share the space of the built-in local model of that name, so failing over
 * between them keeps stored vectors comparable.
 */
public final class ReferenceModels {

    private static final int BATCH = 32;

    private ReferenceModels() {
    }

    /** The reference models as provider kind {@code kind} serves them. */
    public static List<KnownModel> servedBy(String kind) {
        return List.of(
                model(kind, ReferenceSpaces.MINILM, List.of("all-MiniLM-L6-v2"), ReferenceSpaces.MINILM_SPACE),
                model(kind, ReferenceSpaces.BGE_SMALL, List.of("bge-small-en-v1.5"), ReferenceSpaces.BGE_SMALL_SPACE),
                model(kind, "sentence-transformers/all-mpnet-base-v2", List.of("all-mpnet-base-v2"),
                        new EmbeddingSpace("sentence-transformers/all-mpnet-base-v2", "reference", 768, Pooling.MEAN,
                                true, 384, "", "")),
                model(kind, "BAAI/bge-base-en-v1.5", List.of("bge-base-en-v1.5"),
                        new EmbeddingSpace("BAAI/bge-base-en-v1.5", "reference", 768, Pooling.CLS, true, 512,
                                ReferenceSpaces.BGE_QUERY_INSTRUCTION, "")));
    }

    private static KnownModel model(String kind, String name, List<String> aliases, EmbeddingSpace space) {
        var limits = new ProviderLimits(BATCH, space.maxTokens(), BATCH * space.maxTokens());
        return new KnownModel(kind, name, aliases, space, limits, BigDecimal.ZERO,
                DimensionOptions.fixed(space.dimensions()), TokenCounter.estimate());
    }
}
