package dev.embedgate.bench.rerank;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedgate.bench.corpus.Corpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rerank requests of the benchmark, built from the corpus: queries are held-out corpus texts (the short ones, at
 * even steps), never among the documents; each request carries {@code candidates} documents taken in turn from the
 * rest, so that consecutive requests rank different documents. Bodies are in the shape Cohere and Jina share
 * ({@code model, query, documents, top_n}), which EmbedGate's {@code /v1/rerank} and the simulator's Cohere
 * {@code /v2/rerank} both read, so that the gateway and the provider called directly get the very same bytes.
 * Thread-safe.
 */
public final class RerankWorkload {

    /** Held-out queries: enough that a query rarely meets the same documents twice. */
    static final int QUERIES = 200;

    private final ObjectMapper json = new ObjectMapper();
    private final List<String> queries;
    private final List<String> documents;
    private final int candidates;
    private final int topN;

    RerankWorkload(List<String> queries, List<String> documents, int candidates, int topN) {
        if (documents.size() < candidates) {
            throw new IllegalArgumentException("a request carries " + candidates + " documents but the corpus holds "
                    + documents.size() + " besides the queries");
        }
        this.queries = List.copyOf(queries);
        this.documents = List.copyOf(documents);
        this.candidates = candidates;
        this.topN = topN;
    }

    /** Queries from {@value #QUERIES} short corpus texts at even steps; documents from every other text. */
    public static RerankWorkload of(Corpus corpus, int candidates, int topN) {
        List<String> shortTexts = corpus.shortTexts();
        var queries = new ArrayList<String>(QUERIES);
        int count = Math.min(QUERIES, shortTexts.size());
        for (int i = 0; i < count; i++) {
            queries.add(shortTexts.get((int) ((long) i * shortTexts.size() / count)));
        }
        Set<String> heldOut = new HashSet<>(queries);
        List<String> documents = corpus.strings().stream().filter(text -> !heldOut.contains(text)).toList();
        return new RerankWorkload(queries, documents, candidates, topN);
    }

    public int candidates() {
        return candidates;
    }

    public int documentPool() {
        return documents.size();
    }

    public int queryCount() {
        return queries.size();
    }

    /** Request {@code index}'s query and documents as corpus texts, unchanged. */
    List<String> documentsOf(long index) {
        var chosen = new ArrayList<String>(candidates);
        long first = index * candidates;
        for (int i = 0; i < candidates; i++) {
            chosen.add(documents.get((int) ((first + i) % documents.size())));
        }
        return chosen;
    }

    String queryOf(long index) {
        return queries.get((int) (index % queries.size()));
    }

    /** {@code count} request bodies, request {@code i} with {@link #queryOf}{@code (i)} and {@link #documentsOf}{@code (i)}. */
    public List<byte[]> bodies(String model, int count) {
        var bodies = new ArrayList<byte[]>(count);
        for (int i = 0; i < count; i++) {
            bodies.add(body(model, queryOf(i), documentsOf(i)));
        }
        return bodies;
    }

    /**
     * Request {@code index} with every document made unique to it: each is prefixed with {@code "[index] "}, so that
     * no document text of one such request occurs in any other and an embedding cache cannot answer. The prefix adds
     * a few tokens to texts of about a hundred.
     */
    public byte[] distinctBody(String model, long index) {
        List<String> tagged = documentsOf(index).stream().map(text -> "[" + index + "] " + text).toList();
        return body(model, queryOf(index), tagged);
    }

    byte[] body(String model, String query, List<String> documentTexts) {
        ObjectNode body = json.createObjectNode();
        body.put("model", model);
        body.put("query", query);
        ArrayNode array = body.putArray("documents");
        documentTexts.forEach(array::add);
        body.put("top_n", topN);
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
