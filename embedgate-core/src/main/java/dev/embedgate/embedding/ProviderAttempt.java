package dev.embedgate.embedding;

import dev.embedgate.call.Cancellation;
import dev.embedgate.call.Guarded;
import dev.embedgate.call.Priority;
import dev.embedgate.error.InvalidRequestException;
import dev.embedgate.error.RequestCancelledException;
import dev.embedgate.metrics.GatewayMetrics;
import dev.embedgate.provider.AnswerValidator;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.ProviderRequest;
import dev.embedgate.provider.ProviderResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;

/**
 * Some of a request's inputs on their way through a list of providers of one space: each provider gets the
 * inputs still pending, split into calls that fit its limits; a failed call's inputs move on to the next provider.
 */
final class ProviderAttempt {

    /** Provider calls one request may have in flight at once. */
    private static final int CONCURRENT_CALLS_PER_REQUEST = 4;

    private final EmbeddingRequest request;
    private final Priority priority;
    private final String model;
    private final GatewayMetrics metrics;
    private final BatchPlanner planner;
    private final AnswerValidator validator;
    private final float[][] vectors;
    private final int[] tokens;
    private final Set<Integer> truncated = new HashSet<>();
    private final Map<String, ProviderUsage> usage = new LinkedHashMap<>();
    private final List<ProviderCallException> failures = new ArrayList<>();
    private int[] pending;
    /** Whether the provider being tried refused one of this request's calls for a full queue. */
    private volatile boolean overloaded;
    /** The calls in flight to the provider being tried, when there are several; stopped when one is refused. */
    private volatile ExecutorService concurrentCalls;
    private EmbeddingProvider lastServer;
    private long upstreamNanos;

    ProviderAttempt(EmbeddingRequest request, Priority priority, String model, int[] positions, BatchPlanner planner,
                    AnswerValidator validator, GatewayMetrics metrics, List<ProviderCallException> earlierFailures) {
        this.request = request;
        this.priority = priority;
        this.model = model;
        this.metrics = metrics;
        this.planner = planner;
        this.validator = validator;
        this.failures.addAll(earlierFailures);
        this.vectors = new float[request.inputs().size()][];
        this.tokens = new int[request.inputs().size()];
        this.pending = positions.clone();
    }

    /**
     * Tries the providers in order until every position has a vector; the request's {@link Cancellation} may
     * interrupt it.
     */
    void serve(List<Guarded<EmbeddingProvider>> providers) {
        Cancellation.interruptibly(() -> {
            serveInOrder(providers);
            return null;
        });
    }

    private void serveInOrder(List<Guarded<EmbeddingProvider>> providers) {
        long start = System.nanoTime();
        for (int p = 0; p < providers.size(); p++) {
            Guarded<EmbeddingProvider> provider = providers.get(p);
            if (complete()) {
                break;
            }
            EmbeddingProvider embedder = provider.provider();
            overloaded = false;
            var batches = planner.plan(pending, embedder.limits(), position -> tokens(embedder, position));
            var failed = new ArrayList<Integer>();
            if (batches.size() == 1) {
                callInto(provider, batches.getFirst(), failed);
            } else {
                callConcurrently(provider, batches, failed);
            }
            pending = failed.stream().mapToInt(Integer::intValue).sorted().toArray();
            if (pending.length > 0 && p + 1 < providers.size()) {
                metrics.failover(model, provider.name(), pending.length);
            }
        }
        upstreamNanos += System.nanoTime() - start;
    }

    private void callConcurrently(Guarded<EmbeddingProvider> provider, List<BatchPlanner.Batch> batches, List<Integer> failed) {
        var permits = new Semaphore(CONCURRENT_CALLS_PER_REQUEST);
        var calls = Executors.newVirtualThreadPerTaskExecutor();
        concurrentCalls = calls;
        try {
            var running = new ArrayList<Future<?>>(batches.size());
            for (BatchPlanner.Batch batch : batches) {
                permits.acquire();
                if (!overloaded) {
                    try {
                        running.add(calls.submit(() -> {
                            try {
                                callInto(provider, batch, failed);
                            } finally {
                                permits.release();
                            }
                        }));
                        continue;
                    } catch (RejectedExecutionException stoppedMeanwhile) {
                        // a sibling call was refused between the check and the submission
                    }
                }
                // The provider refused a call of this request for a full queue: the rest would be refused too.
                permits.release();
                synchronized (this) {
                    Arrays.stream(batch.positions()).forEach(failed::add);
                }
            }
            for (Future<?> call : running) {
                call.get();
            }
        } catch (InterruptedException e) {
            // The caller went away: stop the calls in flight, so that a local model drops their queued texts.
            calls.shutdownNow();
            Thread.currentThread().interrupt();
            throw new RequestCancelledException("the request was cancelled; its calls to " + provider.name()
                    + " were stopped", e);
        } catch (ExecutionException e) {
            calls.shutdownNow();
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            calls.close();
            concurrentCalls = null;
        }
    }

    /** One provider call; on failure its positions go back to pending. Synchronised where results merge. */
    private void callInto(Guarded<EmbeddingProvider> guarded, BatchPlanner.Batch batch, List<Integer> failed) {
        EmbeddingProvider provider = guarded.provider();
        int[] positions = batch.positions();
        List<String> texts = new ArrayList<>(positions.length);
        List<int[]> tokenIds = new ArrayList<>(request.isTokenInput() ? positions.length : 0);
        for (int position : positions) {
            texts.add(request.inputs().get(position));
            if (request.isTokenInput()) {
                tokenIds.add(request.tokenIds().get(position));
            }
        }
        var call = new ProviderRequest(texts, request.inputType(), request.truncate(), priority, tokenIds);
        int callTokens = 0;
        if (guarded.path().countsTokens()) {
            for (int position : positions) {
                callTokens += tokens(provider, position);
            }
        }
        long start = System.nanoTime();
        try {
            ProviderResponse response = guarded.path().call(priority, callTokens, feedback -> {
                ProviderResponse answer = provider.embed(call);
                if (answer.upstreamPause() != null) {
                    feedback.pauseFor(answer.upstreamPause());
                }
                return answer;
            });
            validator.validate(response, texts.size(), provider);
            metrics.upstreamCall(provider.name(), "ok", System.nanoTime() - start);
            int[] perText = splitTokens(response.promptTokens(), positions, provider);
            synchronized (this) {
                for (int i = 0; i < positions.length; i++) {
                    vectors[positions[i]] = response.vectors().get(i);
                    tokens[positions[i]] = perText[i];
                }
                response.truncatedIndexes().forEach(index -> truncated.add(positions[index]));
                usage.merge(provider.name(), new ProviderUsage(provider.name(), 1, response.promptTokens()), ProviderUsage::plus);
                lastServer = provider;
            }
        } catch (InvalidRequestException e) {
            // The provider saw only this call's texts: name the input by its place in the caller's request.
            Integer index = e.inputIndex();
            throw index == null || index >= positions.length ? e : e.reindexed(positions[index]);
        } catch (RequestCancelledException e) {
            if (!overloaded) {
                throw e;
            }
            // Stopped because a sibling call was refused: these texts fail with the request.
            synchronized (this) {
                for (int position : positions) {
                    failed.add(position);
                }
            }
        } catch (ProviderCallException e) {
            metrics.upstreamCall(provider.name(), e.kind().wireName(), System.nanoTime() - start);
            if (e.kind() == ProviderCallException.Kind.OVERLOADED) {
                // The request will be refused: the calls still running would only keep the workers from others.
                overloaded = true;
                ExecutorService siblings = concurrentCalls;
                if (siblings != null) {
                    siblings.shutdownNow();
                }
            }
            synchronized (this) {
                failures.add(e);
                for (int position : positions) {
                    failed.add(position);
                }
            }
        }
    }

    /**
     * The tokens the input at a position costs at the provider: its id count when it came as token ids and the
     * provider sends them on as they are, else the provider's count of its text.
     */
    private int tokens(EmbeddingProvider provider, int position) {
        return request.isTokenInput() && provider.readsTokenIds() ? request.tokenIds().get(position).length
                : provider.countTokens(request.inputs().get(position));
    }

    /**
     * A call's token count shared among its inputs in proportion to the provider's estimate for each, so that the
     * shares add up to what the provider reported (exact for a one-text call).
     */
    private int[] splitTokens(long callTokens, int[] positions, EmbeddingProvider provider) {
        int[] shares = new int[positions.length];
        if (positions.length == 1) {
            shares[0] = (int) Math.min(Integer.MAX_VALUE, callTokens);
            return shares;
        }
        long[] estimates = new long[positions.length];
        long estimated = 0;
        for (int i = 0; i < estimates.length; i++) {
            estimates[i] = Math.max(1, tokens(provider, positions[i]));
            estimated += estimates[i];
        }
        long given = 0;
        for (int i = 0; i < shares.length - 1; i++) {
            shares[i] = (int) (callTokens * estimates[i] / estimated);
            given += shares[i];
        }
        shares[shares.length - 1] = (int) Math.max(0, callTokens - given);
        return shares;
    }

    boolean complete() {
        return pending.length == 0;
    }

    float[] vector(int position) {
        return vectors[position];
    }

    /** The position's share of its call's tokens. */
    int tokens(int position) {
        return tokens[position];
    }

    boolean truncated(int position) {
        return truncated.contains(position);
    }

    List<ProviderUsage> usage() {
        return List.copyOf(usage.values());
    }

    long upstreamNanos() {
        return upstreamNanos;
    }

    /** The provider that answered last, or null if none did. */
    EmbeddingProvider lastServer() {
        return lastServer;
    }

    List<ProviderCallException> failures() {
        return failures;
    }
}
