package dev.embedgate.memory;

import dev.embedgate.embedding.Caller;
import dev.embedgate.error.EmbedGateException;
import dev.embedgate.error.InvalidRequestException;
import dev.embedgate.error.RequestCancelledException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Answers recalls. The query is embedded in each space searched, as a query, and compared only with that space's
 * vectors; rankings of several spaces (and the keyword ranking, for hybrid recall) are fused by rank. When the query
 * cannot be embedded in any space searched, the answer comes from word matches and importance, and says so.
 */
final class Recaller {

    private final MemoryStore store;
    private final SpaceEmbedder embedder;
    private final String defaultSpace;
    private final int maxQueryChars;
    private final Clock clock;

    Recaller(MemoryStore store, SpaceEmbedder embedder, String defaultSpace, int maxQueryChars, Clock clock) {
        this.store = store;
        this.embedder = embedder;
        this.defaultSpace = defaultSpace;
        this.maxQueryChars = maxQueryChars;
        this.clock = clock;
    }

    Recall recall(RecallRequest request, Caller caller) {
        String namespace = MemoryNames.namespace(request.namespace(), "namespace");
        validate(request);
        int candidates = candidates(request);
        var rankings = new ArrayList<RankFusion.Ranking>();
        var searched = new ArrayList<String>();
        String notice = null;
        if (request.mode() != RecallMode.KEYWORD) {
            var failures = new ArrayList<String>();
            for (String space : spaces(namespace, request)) {
                try {
                    float[] query = request.vector() != null ? request.vector()
                            : embedder.query(space, request.query(), caller);
                    var vectorQuery = new VectorQuery(namespace, space, query, candidates, request.filter(),
                            request.minScore());
                    rankings.add(new RankFusion.Ranking(space, request.weights().vector(), nearest(vectorQuery)));
                    searched.add(space);
                } catch (RequestCancelledException | InvalidRequestException e) {
                    throw e;
                } catch (EmbedGateException e) {
                    failures.add(space + " (" + e.getMessage() + ")");
                }
            }
            if (!failures.isEmpty()) {
                notice = "the query could not be embedded in " + String.join("; ", failures);
            }
            if (searched.isEmpty()) {
                return keywordAndImportance(namespace, request, notice);
            }
        }
        if (request.mode() != RecallMode.VECTOR && request.query() != null) {
            rankings.add(keywordRanking(namespace, request, candidates));
        }
        return new Recall(RankFusion.fuse(rankings, request, clock.instant()), request.mode(), searched, notice);
    }

    /** A vector the caller sent may name an unknown space or have another length: the caller's mistake. */
    private List<ScoredMemory> nearest(VectorQuery query) {
        try {
            return store.nearest(query);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage(), "vector", "invalid_vector");
        }
    }

    private RankFusion.Ranking keywordRanking(String namespace, RecallRequest request, int candidates) {
        var query = new KeywordQuery(namespace, request.query(), candidates, request.filter());
        return new RankFusion.Ranking(null, request.weights().keyword(), store.keyword(query));
    }

    /** The fall-back when no vector of the query can be had: word matches fused with importance. */
    private Recall keywordAndImportance(String namespace, RecallRequest request, String notice) {
        int candidates = Math.min(VectorQuery.MAX_K, Math.max(request.k() * 3, 30));
        var rankings = new ArrayList<RankFusion.Ranking>();
        if (request.query() != null) {
            rankings.add(keywordRanking(namespace, request, candidates));
        }
        rankings.add(new RankFusion.Ranking(null, 1, store.important(namespace, candidates, request.filter())));
        return new Recall(RankFusion.fuse(rankings, request, clock.instant()), RecallMode.KEYWORD_IMPORTANCE,
                List.of(), notice + "; answered from keyword and importance ranking");
    }

    private List<String> spaces(String namespace, RecallRequest request) {
        if (request.vector() != null) {
            return List.of(request.space());
        }
        String active = store.activeSpace(namespace).orElse(defaultSpace);
        if (!request.allSpaces()) {
            return List.of(active);
        }
        var spaces = new LinkedHashSet<String>();
        spaces.add(active);
        spaces.addAll(store.spaces(namespace));
        return List.copyOf(spaces);
    }

    /** A lone ranking needs exactly k; fused rankings need a deeper pool so that fusion can reorder. */
    private static int candidates(RecallRequest request) {
        boolean fused = request.mode() == RecallMode.HYBRID || request.allSpaces() || request.boosts().any();
        return fused ? Math.min(VectorQuery.MAX_K, Math.max(request.k() * 3, 30)) : request.k();
    }

    private void validate(RecallRequest request) {
        if (request.k() < 1 || request.k() > VectorQuery.MAX_K) {
            throw new InvalidRequestException("k must be within 1.." + VectorQuery.MAX_K, "k", "invalid_k");
        }
        if (!(request.minScore() >= -1 && request.minScore() <= 1)) {
            throw new InvalidRequestException("min_score must be within -1..1", "min_score", "invalid_min_score");
        }
        if (request.mode() == RecallMode.KEYWORD_IMPORTANCE) {
            throw new InvalidRequestException("mode must be vector, keyword or hybrid", "mode", "invalid_mode");
        }
        if (request.query() == null && request.vector() == null) {
            throw new InvalidRequestException("send a query text or a vector with its space", "query", "missing_query");
        }
        if (request.query() != null) {
            if (request.query().isBlank() || request.query().length() > maxQueryChars) {
                throw new InvalidRequestException("query must hold 1.." + maxQueryChars + " characters", "query",
                        "invalid_query");
            }
            MemoryNames.requireText(request.query(), "query");
        }
        if (request.vector() != null) {
            validateVector(request);
        } else if (request.mode() == RecallMode.KEYWORD && request.allSpaces()) {
            throw new InvalidRequestException("spaces \"all\" needs a vector or hybrid mode", "spaces", "invalid_spaces");
        }
    }

    private void validateVector(RecallRequest request) {
        if (request.space() == null) {
            throw new InvalidRequestException("a vector needs the id of its space", "space", "missing_space");
        }
        if (request.allSpaces()) {
            throw new InvalidRequestException("a vector belongs to one space; spaces \"all\" needs a query text",
                    "spaces", "invalid_spaces");
        }
        if (request.mode() == RecallMode.KEYWORD) {
            throw new InvalidRequestException("keyword recall needs a query text", "query", "missing_query");
        }
        for (float value : request.vector()) {
            if (!Float.isFinite(value)) {
                throw new InvalidRequestException("vector must hold finite numbers", "vector", "invalid_vector");
            }
        }
    }
}
