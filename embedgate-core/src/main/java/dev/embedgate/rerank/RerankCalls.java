package dev.embedgate.rerank;

import dev.embedgate.call.Cancellation;
import dev.embedgate.call.Guarded;
import dev.embedgate.call.Priority;
import dev.embedgate.error.RequestCancelledException;
import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.ProviderCallException.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Scores one request's documents with one provider: cached scores of its model first, the rest in batches of the
 * provider's size through its call path, at most {@value #MAX_CALLS_IN_FLIGHT} calls at once. Every score of the
 * answer is that model's. Batches that succeeded are cached even when another failed, so a retry pays only for the
 * rest. Thread-safe.
 */
final class RerankCalls {

    static final int MAX_CALLS_IN_FLIGHT = 4;

    /**
     * What one provider made of a request.
     *
     * @param scores      one per document, in request order
     * @param inputTokens tokens the provider processed
     * @param calls       upstream calls made
     * @param cacheHits   documents answered from the cache
     */
    record Scored(double[] scores, long inputTokens, int calls, int cacheHits) {
    }

    private record Batch(List<Integer> indexes, List<String> documents) {
    }

    private final RerankScoreCache cache;

    RerankCalls(RerankScoreCache cache) {
        this.cache = cache;
    }

    /** @throws ProviderCallException when a call failed after its retries; the provider's answer is then unusable */
    Scored score(Guarded<RerankProvider> guarded, RerankQuery query) {
        RerankProvider provider = guarded.provider();
        String model = provider.model();
        List<String> documents = query.documents();
        double[] scores = new double[documents.size()];
        var missing = new ArrayList<Integer>();
        for (int i = 0; i < documents.size(); i++) {
            Double cached = cache.get(model, query.rawScores(), query.query(), documents.get(i));
            if (cached == null) {
                missing.add(i);
            } else {
                scores[i] = cached;
            }
        }
        List<Batch> batches = batches(missing, documents, provider.maxDocumentsPerCall());
        long tokens = 0;
        for (RerankResponse answer : callAll(guarded, query, batches, scores)) {
            tokens += answer.inputTokens();
        }
        return new Scored(scores, tokens, batches.size(), documents.size() - missing.size());
    }

    private static List<Batch> batches(List<Integer> missing, List<String> documents, int size) {
        var batches = new ArrayList<Batch>();
        for (int from = 0; from < missing.size(); from += size) {
            List<Integer> indexes = missing.subList(from, Math.min(missing.size(), from + size));
            batches.add(new Batch(indexes, indexes.stream().map(documents::get).toList()));
        }
        return batches;
    }

    /** Calls every batch (a lone one on this thread), writing scores into place; answers in batch order. */
    private List<RerankResponse> callAll(Guarded<RerankProvider> guarded, RerankQuery query, List<Batch> batches,
                                         double[] scores) {
        if (batches.size() <= 1) {
            return batches.stream().map(batch -> Cancellation.interruptibly(() -> call(guarded, query, batch, scores))).toList();
        }
        var inFlight = new Semaphore(MAX_CALLS_IN_FLIGHT);
        try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new ArrayList<Future<RerankResponse>>();
            for (Batch batch : batches) {
                futures.add(calls.submit(() -> {
                    inFlight.acquire();
                    try {
                        return call(guarded, query, batch, scores);
                    } finally {
                        inFlight.release();
                    }
                }));
            }
            try {
                var answers = new ArrayList<RerankResponse>();
                for (Future<RerankResponse> future : futures) {
                    answers.add(Cancellation.interruptibly(() -> join(future)));
                }
                return answers;
            } finally {
                futures.forEach(future -> future.cancel(true));
            }
        }
    }

    private static RerankResponse join(Future<RerankResponse> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RequestCancelledException("the request was cancelled while it waited for its reranker", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private RerankResponse call(Guarded<RerankProvider> guarded, RerankQuery query, Batch batch, double[] scores) {
        RerankProvider provider = guarded.provider();
        int tokens = guarded.path().countsTokens() ? tokens(provider, query.query(), batch.documents()) : 0;
        RerankResponse answer = guarded.path().call(Priority.ONLINE, tokens,
                feedback -> valid(provider, provider.rerank(new RerankRequest(query.query(), batch.documents(),
                        query.rawScores())), batch.documents().size()));
        for (int i = 0; i < batch.indexes().size(); i++) {
            double score = answer.scores().get(i);
            scores[batch.indexes().get(i)] = score;
            cache.put(provider.model(), query.rawScores(), query.query(), batch.documents().get(i), score);
        }
        return answer;
    }

    /** Scores the batch's documents with the answer, or refuses an answer no ranking can be made of. */
    private static RerankResponse valid(RerankProvider provider, RerankResponse answer, int documents) {
        if (answer.scores().size() != documents) {
            throw new ProviderCallException(provider.name(), Kind.INVALID_RESPONSE, 0, "answered "
                    + answer.scores().size() + " scores for " + documents + " documents");
        }
        for (Double score : answer.scores()) {
            if (score == null || !Double.isFinite(score)) {
                throw new ProviderCallException(provider.name(), Kind.INVALID_RESPONSE, 0,
                        "answered a score that is not a finite number: " + score);
            }
        }
        return answer;
    }

    private static int tokens(RerankProvider provider, String query, List<String> documents) {
        int queryTokens = provider.countTokens(query);
        int tokens = 0;
        for (String document : documents) {
            tokens += queryTokens + provider.countTokens(document);
        }
        return tokens;
    }
}
