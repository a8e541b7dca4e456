package dev.embedgate.embedding;

import dev.embedgate.error.EmbedGateException;
import dev.embedgate.error.OverloadedException;
import dev.embedgate.error.ProviderFailureException;
import dev.embedgate.error.RateLimitedException;
import dev.embedgate.provider.AnswerValidator;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.ProviderRequest;
import dev.embedgate.provider.ProviderResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.stream.IntStream;

/**
 * The embedding pipeline behind every entry point (HTTP, CLI, Java):
 * <ol>
 *   <li>resolve the model to its route and validate the inputs;</li>
 *   <li>split the texts into calls that fit the provider's limits (count and tokens) and run them concurrently
 *       (bounded);</li>
 *   <li>a call that fails moves to the route's next provider (same space, so results stay comparable), after the
 *       provider's own retries if it has them;</li>
 *   <li>validate every answer (count, dimensions, finite values);</li>
 *   <li>only if every provider of the space failed, and the route explicitly allows it, a fallback of another
 *       space serves the whole request, and the result is marked degraded.</li>
 * </ol>
 * Vectors come back in input order with the space and provider that served them. Thread-safe.
 */
public final class EmbeddingService {

    /** Provider calls one request may have in flight at once. */
    private static final int CONCURRENT_CALLS_PER_REQUEST = 4;

    private final ModelRegistry registry;
    private final RequestValidator requestValidator;
    private final BatchPlanner planner = new BatchPlanner();
    private final AnswerValidator answerValidator = new AnswerValidator();

    public EmbeddingService(ModelRegistry registry, EmbeddingLimits limits) {
        this.registry = registry;
        this.requestValidator = new RequestValidator(limits);
    }

    public EmbeddingService(ModelRegistry registry) {
        this(registry, EmbeddingLimits.DEFAULT);
    }

    /**
     * @throws dev.embedgate.error.InvalidRequestException  on input the model cannot take
     * @throws dev.embedgate.error.ModelNotFoundException   on an unknown model name
     * @throws OverloadedException                          when the provider's queue is full
     * @throws RateLimitedException                         when every provider is at its rate limit
     * @throws ProviderFailureException                     when no provider produced valid vectors
     */
    public Embeddings embed(EmbeddingRequest request) {
        ModelRoute route = request.model() == null ? registry.defaultRoute() : registry.resolve(request.model());
        requestValidator.validate(request, route.name(), route.space());
        var attempt = new Attempt(request, false, List.of());
        attempt.serve(route.providers());
        if (!attempt.complete() && !route.fallback().isEmpty()) {
            attempt = new Attempt(request, true, attempt.failures);
            attempt.serve(route.fallback());
        }
        if (!attempt.complete()) {
            throw attempt.failure(route.name());
        }
        return attempt.result(route.name());
    }

    public ModelRegistry registry() {
        return registry;
    }

    /** One request's progress through a list of providers of one space. */
    private final class Attempt {

        private final EmbeddingRequest request;
        private final float[][] vectors;
        private final List<Integer> truncated = new ArrayList<>();
        private final LinkedHashSet<String> servedBy = new LinkedHashSet<>();
        private final List<ProviderCallException> failures = new ArrayList<>();
        private int[] pending;
        private long tokens;
        private final boolean degraded;
        private EmbeddingProvider lastServer;

        Attempt(EmbeddingRequest request, boolean degraded, List<ProviderCallException> earlierFailures) {
            this.request = request;
            this.degraded = degraded;
            this.failures.addAll(earlierFailures);
            this.vectors = new float[request.inputs().size()][];
            this.pending = IntStream.range(0, request.inputs().size()).toArray();
        }

        void serve(List<EmbeddingProvider> providers) {
            for (EmbeddingProvider provider : providers) {
                if (complete()) {
                    return;
                }
                var batches = planner.plan(request.inputs(), pending, provider.limits(), provider::countTokens);
                var failed = new ArrayList<Integer>();
                if (batches.size() == 1) {
                    callInto(provider, batches.getFirst(), failed);
                } else {
                    callConcurrently(provider, batches, failed);
                }
                pending = failed.stream().mapToInt(Integer::intValue).sorted().toArray();
            }
        }

        private void callConcurrently(EmbeddingProvider provider, List<BatchPlanner.Batch> batches, List<Integer> failed) {
            var permits = new Semaphore(CONCURRENT_CALLS_PER_REQUEST);
            try (var calls = Executors.newVirtualThreadPerTaskExecutor()) {
                var running = new ArrayList<Future<?>>(batches.size());
                for (BatchPlanner.Batch batch : batches) {
                    permits.acquireUninterruptibly();
                    running.add(calls.submit(() -> {
                        try {
                            callInto(provider, batch, failed);
                        } finally {
                            permits.release();
                        }
                    }));
                }
                for (Future<?> call : running) {
                    call.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderFailureException(provider.name(), "interrupted while waiting for the provider", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        /** One provider call; on failure its positions go back to pending. Synchronised where results merge. */
        private void callInto(EmbeddingProvider provider, BatchPlanner.Batch batch, List<Integer> failed) {
            int[] positions = batch.positions();
            List<String> texts = new ArrayList<>(positions.length);
            for (int position : positions) {
                texts.add(request.inputs().get(position));
            }
            try {
                ProviderResponse response = provider.embed(
                        new ProviderRequest(texts, request.inputType(), request.truncate()));
                answerValidator.validate(response, texts.size(), provider);
                synchronized (this) {
                    for (int i = 0; i < positions.length; i++) {
                        vectors[positions[i]] = response.vectors().get(i);
                    }
                    response.truncatedIndexes().forEach(index -> truncated.add(positions[index]));
                    tokens += response.promptTokens();
                    servedBy.add(provider.name());
                    lastServer = provider;
                }
            } catch (ProviderCallException e) {
                synchronized (this) {
                    failures.add(e);
                    for (int position : positions) {
                        failed.add(position);
                    }
                }
            }
        }

        boolean complete() {
            return pending.length == 0;
        }

        Embeddings result(String model) {
            truncated.sort(null);
            return new Embeddings(List.of(vectors), model, lastServer.space(), String.join(",", servedBy), tokens,
                    truncated, degraded);
        }

        EmbedGateException failure(String model) {
            ProviderCallException last = failures.getLast();
            if (failures.stream().allMatch(ProviderCallException::rateLimited)) {
                Duration retryAfter = failures.stream().map(f -> f.retryAfter().orElse(Duration.ZERO))
                        .max(Comparator.naturalOrder()).filter(wait -> !wait.isZero()).orElse(Duration.ofSeconds(1));
                return new RateLimitedException(summary("every provider of model '" + model + "' is at its rate limit: "),
                        retryAfter, last);
            }
            if (failures.size() == 1) {
                return new ProviderFailureException(last.provider(), last.getMessage(), last);
            }
            return new ProviderFailureException(last.provider(), summary("every provider of model '" + model + "' failed: "), last);
        }

        private String summary(String heading) {
            var summary = new StringBuilder(heading);
            for (ProviderCallException failure : failures) {
                summary.append(failure.provider()).append(": ").append(failure.getMessage()).append("; ");
            }
            return summary.substring(0, summary.length() - 2);
        }
    }
}
