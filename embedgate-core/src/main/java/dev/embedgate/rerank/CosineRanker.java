package dev.embedgate.rerank;

import dev.embedgate.embedding.Caller;
import dev.embedgate.embedding.EmbeddingRequest;
import dev.embedgate.embedding.EmbeddingService;
import dev.embedgate.embedding.Embeddings;
import dev.embedgate.error.ProviderFailureException;
import dev.embedgate.space.InputType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The reranker of last resort, which always works offline: cosine similarity between the query, embedded as a
 * query (bge-small's search instruction), and each document, by a local embedding model through the embedding
 * pipeline (so its vectors are cached and its use is in the ledger). Weaker than a cross-encoder, far better than
 * no answer. Thread-safe.
 */
public final class CosineRanker {

    /** The bundled model ranked with unless configured otherwise. */
    public static final String DEFAULT_MODEL = "bge-small-en-v1.5";

    private final EmbeddingService embeddings;
    private final String model;

    public CosineRanker(EmbeddingService embeddings, String model) {
        this.embeddings = Objects.requireNonNull(embeddings, "embeddings");
        this.model = Objects.requireNonNull(model, "model");
    }

    /** How answers name this ranker, e.g. {@code cosine/bge-small-en-v1.5}. */
    public String name() {
        return "cosine/" + model;
    }

    /**
     * One cosine similarity per document, in the documents' order.
     *
     * @param caller the caller whose key the embeddings are billed to; its model list does not apply (the ranker
     *               is the gateway's own choice, not the caller's)
     * @throws ProviderFailureException when the embedding model answered only with a degraded fallback's vectors
     */
    public Scored score(String query, List<String> documents, Caller caller) {
        var billedTo = new Caller(caller.apiKeyId(), Set.of(), caller.dailyBudgetNanoUsd(),
                caller.monthlyBudgetNanoUsd());
        Embeddings queryVector = embeddings.embed(new EmbeddingRequest(model, List.of(query), InputType.QUERY, null,
                true), billedTo, true);
        Embeddings documentVectors = embeddings.embed(new EmbeddingRequest(model, documents, InputType.DOCUMENT,
                null, true), billedTo, true);
        if (queryVector.degraded() || documentVectors.degraded()) {
            throw new ProviderFailureException(name(), "the local ranker's model " + model
                    + " could only answer degraded; no ranking is better than a meaningless one", null);
        }
        float[] q = queryVector.vectors().getFirst();
        var scores = new ArrayList<Double>(documents.size());
        for (float[] document : documentVectors.vectors()) {
            scores.add(cosine(q, document));
        }
        return new Scored(scores, queryVector.promptTokens() + documentVectors.promptTokens());
    }

    /** Scores in document order, and the tokens embedded for them. */
    public record Scored(List<Double> scores, long tokens) {
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }
        return normA == 0 || normB == 0 ? 0 : dot / Math.sqrt(normA * normB);
    }
}
