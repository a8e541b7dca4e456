package dev.embedgate.embedding;

import dev.embedgate.cache.CacheLookup;
import dev.embedgate.cache.CachedEmbedding;
import dev.embedgate.cache.EmbeddingCache;
import dev.embedgate.error.EmbedGateException;
import dev.embedgate.error.OverloadedException;
import dev.embedgate.error.ProviderFailureException;
import dev.embedgate.error.RateLimitedException;
import dev.embedgate.provider.AnswerValidator;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.ProviderCallException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The embedding pipeline behind every entry point (HTTP, CLI, Java):
 * <ol>
 *   <li>resolve the model to its route and validate the inputs;</li>
 *   <li>look every input up in the cache (by space, input type, dimensions and text); concurrent identical
 *       misses wait for one another instead of each calling upstream;</li>
 *   <li>split the misses into calls that fit the provider's limits (count and tokens) and run them concurrently
 *       (bounded);</li>
 *   <li>a call that fails moves to the route's next provider (same space, so results stay comparable), after the
 *       provider's own retries if it has them;</li>
 *   <li>validate every answer (count, dimensions, finite values) and cache it;</li>
 *   <li>only if every provider of the space failed, and the route explicitly allows it, a fallback of another
 *       space serves the whole request (cached inputs included, so that one answer never mixes spaces), marked
 *       degraded and never cached.</li>
 * </ol>
 * Vectors come back in input order with the space and provider that served them. Thread-safe.
 */
public final class EmbeddingService {

    private final ModelRegistry registry;
    private final RequestValidator requestValidator;
    private final EmbeddingCache cache;
    private final BatchPlanner planner = new BatchPlanner();
    private final AnswerValidator answerValidator = new AnswerValidator();

    public EmbeddingService(ModelRegistry registry, EmbeddingLimits limits, EmbeddingCache cache) {
        this.registry = registry;
        this.requestValidator = new RequestValidator(limits);
        this.cache = cache;
    }

    /** No cache: every input goes to a provider. */
    public EmbeddingService(ModelRegistry registry, EmbeddingLimits limits) {
        this(registry, limits, EmbeddingCache.disabled());
    }

    public EmbeddingService(ModelRegistry registry) {
        this(registry, EmbeddingLimits.DEFAULT);
    }

    /** Embeds with the cache. See {@link #embed(EmbeddingRequest, boolean)}. */
    public Embeddings embed(EmbeddingRequest request) {
        return embed(request, true);
    }

    /**
     * @param useCache false to skip the cache both ways (the caller opted out)
     * @throws dev.embedgate.error.InvalidRequestException  on input the model cannot take
     * @throws dev.embedgate.error.ModelNotFoundException   on an unknown model name
     * @throws OverloadedException                          when the provider's queue is full
     * @throws RateLimitedException                         when every provider is at its rate limit
     * @throws ProviderFailureException                     when no provider produced valid vectors
     */
    public Embeddings embed(EmbeddingRequest request, boolean useCache) {
        ModelRoute route = request.model() == null ? registry.defaultRoute() : registry.resolve(request.model());
        requestValidator.validate(request, route.name(), route.space());
        try (CacheLookup lookup = cache.lookup(route.space(), request, useCache)) {
            var attempts = new ArrayList<ProviderAttempt>(2);
            List<ProviderCallException> failures = embedInto(lookup, lookup.toEmbed(), route, request, attempts);
            if (failures.isEmpty()) {
                int[] orphans = lookup.awaitOthers();
                failures = embedInto(lookup, orphans, route, request, attempts);
            }
            if (!failures.isEmpty()) {
                return fallback(route, request, failures);
            }
            return result(route, request, lookup, attempts);
        }
    }

    /** Embeds the positions through the route's providers and publishes them; returns the failures if any remain. */
    private List<ProviderCallException> embedInto(CacheLookup lookup, int[] positions, ModelRoute route,
                                                  EmbeddingRequest request, List<ProviderAttempt> attempts) {
        if (positions.length == 0) {
            return List.of();
        }
        var attempt = new ProviderAttempt(request, positions, planner, answerValidator, List.of());
        attempt.serve(route.providers());
        attempts.add(attempt);
        if (!attempt.complete()) {
            return attempt.failures();
        }
        var byPosition = new HashMap<Integer, CachedEmbedding>(positions.length * 2);
        for (int position : positions) {
            byPosition.put(position, new CachedEmbedding(attempt.vector(position), attempt.tokens(position),
                    attempt.truncated(position)));
        }
        lookup.publish(byPosition);
        return List.of();
    }

    /** Every provider of the space failed: the whole request goes to the fallback, if the route has one. */
    private Embeddings fallback(ModelRoute route, EmbeddingRequest request, List<ProviderCallException> failures) {
        if (route.fallback().isEmpty()) {
            throw failure(route.name(), failures);
        }
        int[] all = IntStream.range(0, request.inputs().size()).toArray();
        var attempt = new ProviderAttempt(request, all, planner, answerValidator, failures);
        attempt.serve(route.fallback());
        if (!attempt.complete()) {
            throw failure(route.name(), attempt.failures());
        }
        var vectors = new ArrayList<float[]>(all.length);
        var truncated = new ArrayList<Integer>();
        for (int position : all) {
            vectors.add(attempt.vector(position));
            if (attempt.truncated(position)) {
                truncated.add(position);
            }
        }
        EmbeddingProvider server = attempt.lastServer();
        var usage = new Embeddings.Usage(attempt.usage(), 0, 0, route.primary().name(), attempt.upstreamNanos());
        return new Embeddings(vectors, route.name(), server.space(), providers(usage), truncated, true, usage);
    }

    private static Embeddings result(ModelRoute route, EmbeddingRequest request, CacheLookup lookup,
                                     List<ProviderAttempt> attempts) {
        var vectors = new ArrayList<float[]>(lookup.size());
        var truncated = new ArrayList<Integer>();
        for (int position = 0; position < lookup.size(); position++) {
            CachedEmbedding entry = lookup.entry(position);
            vectors.add(entry.vector());
            if (entry.truncated()) {
                truncated.add(position);
            }
        }
        var upstream = new LinkedHashMap<String, ProviderUsage>();
        long upstreamNanos = 0;
        for (ProviderAttempt attempt : attempts) {
            attempt.usage().forEach(used -> upstream.merge(used.provider(), used, ProviderUsage::plus));
            upstreamNanos += attempt.upstreamNanos();
        }
        var usage = new Embeddings.Usage(List.copyOf(upstream.values()), lookup.hits(), lookup.savedTokens(),
                route.primary().name(), upstreamNanos);
        return new Embeddings(vectors, route.name(), route.space(), providers(usage), truncated, false, usage);
    }

    private static String providers(Embeddings.Usage usage) {
        if (usage.upstream().isEmpty()) {
            return "cache";
        }
        var names = new LinkedHashSet<String>();
        usage.upstream().forEach(used -> names.add(used.provider()));
        return String.join(",", names);
    }

    private static EmbedGateException failure(String model, List<ProviderCallException> failures) {
        ProviderCallException last = failures.getLast();
        if (failures.stream().allMatch(ProviderCallException::rateLimited)) {
            Duration retryAfter = failures.stream().map(f -> f.retryAfter().orElse(Duration.ZERO))
                    .max(Comparator.naturalOrder()).filter(wait -> !wait.isZero()).orElse(Duration.ofSeconds(1));
            return new RateLimitedException(summary("every provider of model '" + model + "' is at its rate limit: ",
                    failures), retryAfter, last);
        }
        if (failures.size() == 1) {
            return new ProviderFailureException(last.provider(), last.getMessage(), last);
        }
        return new ProviderFailureException(last.provider(), summary("every provider of model '" + model + "' failed: ",
                failures), last);
    }

    private static String summary(String heading, List<ProviderCallException> failures) {
        var summary = new StringBuilder(heading);
        for (ProviderCallException failure : failures) {
            summary.append(failure.provider()).append(": ").append(failure.getMessage()).append("; ");
        }
        return summary.substring(0, summary.length() - 2);
    }

    public ModelRegistry registry() {
        return registry;
    }

    public EmbeddingCache cache() {
        return cache;
    }
}
