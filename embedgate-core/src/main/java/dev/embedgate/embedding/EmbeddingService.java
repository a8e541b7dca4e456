package dev.embedgate.embedding;

import dev.embedgate.call.ProvidersFailed;
import dev.embedgate.cache.CacheLookup;
import dev.embedgate.cache.CachedEmbedding;
import dev.embedgate.cache.EmbeddingCache;
import dev.embedgate.call.Cancellation;
import dev.embedgate.call.Guarded;
import dev.embedgate.call.Priority;
import dev.embedgate.error.ModelNotAllowedException;
import dev.embedgate.error.OverloadedException;
import dev.embedgate.error.ProviderFailureException;
import dev.embedgate.error.RateLimitedException;
import dev.embedgate.metrics.GatewayMetrics;
import dev.embedgate.provider.AnswerValidator;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.Capability;
import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.usage.BudgetGuard;
import dev.embedgate.usage.UsageEvent;
import dev.embedgate.usage.UsageRecorder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The embedding pipeline behind every entry point (HTTP, CLI, Java):
 * <ol>
 *   <li>resolve the model to its route, check that the caller may use it, validate the inputs, and check the
 *       model's and the caller's budgets;</li>
 *   <li>a request for another length than the model's own is served in the space of that length, by the providers
 *       that can answer with it ({@link ShortenedRoutes});</li>
 *   <li>look every input up in the cache (by space, input type, dimensions and text; where the model's shortening
 *       is truncation, a cached vector of its own, longer space answers too, cut to length); concurrent identical
 *       misses wait for one another instead of each calling upstream;</li>
 *   <li>split the misses into calls that fit the provider's limits (count and tokens) and run them concurrently
 *       (bounded);</li>
 *   <li>a call that fails moves to the route's next provider (same space, so results stay comparable), after the
 *       provider's own retries if it has them;</li>
 *   <li>validate every answer (count, dimensions, finite values) and cache it;</li>
 *   <li>if every provider of the space failed and the cache keeps entries past their TTL ({@code staleFor}), the
 *       inputs still missing are answered from stale entries of the same space, if every one has one: the answer
 *       says which inputs are stale, and bills nothing for them;</li>
 *   <li>only if that cannot answer either, and the route explicitly allows it, a fallback of another space serves
 *       the whole request (cached inputs included, so that one answer never mixes spaces), marked degraded and
 *       never cached.</li>
 * </ol>
 * Providers whose budget is spent are skipped or refuse, as their budget says. Vectors come back in input order
 * with the space and provider that served them; usage and cost are counted under the caller's key. Thread-safe.
 */
public final class EmbeddingService {

    private final ModelRegistry registry;
    private final RequestValidator requestValidator;
    private final EmbeddingCache cache;
    private final UsageRecorder usage;
    private final BudgetGuard budgets;
    private final GatewayMetrics metrics;
    private final ShortenedRoutes shortened = new ShortenedRoutes();
    private final BatchPlanner planner = new BatchPlanner();
    private final AnswerValidator answerValidator = new AnswerValidator();

    private EmbeddingService(Builder builder) {
        this.registry = builder.registry;
        this.requestValidator = new RequestValidator(builder.limits);
        this.cache = builder.cache;
        this.usage = builder.usage;
        this.budgets = builder.budgets;
        this.metrics = builder.metrics;
    }

    /** No cache, no usage accounting, no budgets: every input goes to a provider. */
    public EmbeddingService(ModelRegistry registry, EmbeddingLimits limits) {
        this(builder(registry).limits(limits).validated());
    }

    public EmbeddingService(ModelRegistry registry) {
        this(registry, EmbeddingLimits.DEFAULT);
    }

    /** A service over the registry's models; everything else is optional. */
    public static Builder builder(ModelRegistry registry) {
        return new Builder(registry);
    }

    /** Embeds for the anonymous caller, with the cache. */
    public Embeddings embed(EmbeddingRequest request) {
        return embed(request, Caller.ANONYMOUS, true);
    }

    /** Embeds for the anonymous caller. */
    public Embeddings embed(EmbeddingRequest request, boolean useCache) {
        return embed(request, Caller.ANONYMOUS, useCache);
    }

    /**
     * @param caller   whose key's model list and budget apply, and under whose key usage is counted
     * @param useCache false to skip the cache both ways (the caller opted out)
     * @throws dev.embedgate.error.InvalidRequestException   on input the model cannot take
     * @throws dev.embedgate.error.ModelNotFoundException    on an unknown model name
     * @throws dev.embedgate.error.ModelNotAllowedException  when the caller's key may not use the model
     * @throws dev.embedgate.error.BudgetExceededException   when a budget of the model, the key or every provider is spent
     * @throws OverloadedException                           when the provider's queue is full
     * @throws RateLimitedException                          when every provider is at its rate limit
     * @throws ProviderFailureException                      when no provider produced valid vectors
     */
    public Embeddings embed(EmbeddingRequest request, Caller caller, boolean useCache) {
        ModelRoute route = request.model() == null ? registry.defaultRoute() : registry.resolve(request.model());
        return embed(route, request, caller, new Serving(useCache, Priority.ONLINE, true));
    }

    /**
     * Embeds into an embedding space, named by its id or by a model name that resolves to one: the API that
     * memory saves, repairs and migrations call. Background work keeps to its share of every provider's limits
     * and waits for room there, so that online requests never wait for it. Vectors are always of the space asked
     * for: a route's cross-space fallback is never used here; when no provider of the space can serve, the
     * failure says so and the caller keeps the work for later.
     *
     * @throws dev.embedgate.error.ModelNotFoundException when no configured route serves the space
     * @see #embed(EmbeddingRequest, Caller, boolean) for the other failures
     */
    public Embeddings embed(SpaceEmbeddingRequest request, Caller caller) {
        ModelRoute route = registry.resolveSpace(request.space());
        var embedding = new EmbeddingRequest(route.name(), request.inputs(), request.inputType(), null, true);
        return embed(route, embedding, caller, new Serving(true, request.priority(), false));
    }

    /**
     * How one request is served.
     *
     * @param useCache           false when the caller opted out of the cache
     * @param priority           online, or background work held to its share of the limits
     * @param crossSpaceFallback whether the route's explicit fallback of another space may serve
     */
    private record Serving(boolean useCache, Priority priority, boolean crossSpaceFallback) {
    }

    private Embeddings embed(ModelRoute named, EmbeddingRequest request, Caller caller, Serving serving) {
        if (!caller.mayUse(named)) {
            throw new ModelNotAllowedException(request.model() == null ? named.name() : request.model(), caller.apiKeyId());
        }
        ShortenedRoutes.Sized sized = shortened.of(named, request.dimensions());
        ModelRoute route = sized.route();
        requestValidator.validate(request);
        if (budgets != null) {
            budgets.checkRequest(route.name(), caller);
        }
        var attempts = new ArrayList<ProviderAttempt>(2);
        Embeddings served;
        try {
            served = serve(sized, request, serving, attempts);
        } catch (RuntimeException e) {
            recordSpent(route.name(), caller, attempts, e);
            throw e;
        }
        if (usage != null) {
            usage.record(served.usageEvents(caller.apiKeyId()));
        }
        return served;
    }

    /**
     * A request that failed, was refused part-way or whose caller went away still spent what its answered calls
     * cost: they are billed to its key (as calls and tokens, not as a served request), so that hanging up just before
     * the answer does not escape a budget.
     */
    private void recordSpent(String model, Caller caller, List<ProviderAttempt> attempts, RuntimeException failure) {
        if (usage == null) {
            return;
        }
        var events = new ArrayList<UsageEvent>();
        for (ProviderAttempt attempt : attempts) {
            for (ProviderUsage used : attempt.usage()) {
                events.add(new UsageEvent(Capability.EMBEDDING, used.provider(), model, caller.apiKeyId(), 0,
                        used.calls(), used.tokens(), 0, 0, 0));
            }
        }
        if (events.isEmpty()) {
            return;
        }
        // The caller's interrupt must not break the ledger write (a durable write runs on this thread).
        boolean interrupted = Thread.interrupted();
        try {
            usage.record(events);
        } catch (RuntimeException notRecorded) {
            failure.addSuppressed(notRecorded);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Serves the request; every provider attempt made goes into {@code attempts}, for billing even on failure. */
    private Embeddings serve(ShortenedRoutes.Sized sized, EmbeddingRequest request, Serving serving,
                             List<ProviderAttempt> attempts) {
        ModelRoute route = sized.route();
        Priority priority = serving.priority();
        try (CacheLookup lookup = cache.lookup(route.space(), sized.cutFrom(), request, serving.useCache(),
                priority == Priority.ONLINE)) {
            List<ProviderCallException> failures = embedInto(lookup, lookup.toEmbed(), route, request, priority,
                    attempts);
            if (failures.isEmpty()) {
                int[] orphans = Cancellation.interruptibly(lookup::awaitOthers);
                failures = embedInto(lookup, orphans, route, request, priority, attempts);
            }
            if (!failures.isEmpty()) {
                if (ProvidersFailed.staleMayAnswer(failures) && lookup.fillFromStale()) {
                    metrics.staleServed(route.name(), lookup.staleIndexes().size());
                    return result(route, lookup, attempts);
                }
                if (!serving.crossSpaceFallback()) {
                    throw ProvidersFailed.report(route.name(), failures);
                }
                return fallback(route, request, priority, failures, attempts);
            }
            return result(route, lookup, attempts);
        }
    }

    /** The providers of the list whose budgets allow spending (all of them when there are no budgets). */
    private List<Guarded<EmbeddingProvider>> affordable(ModelRoute route, List<Guarded<EmbeddingProvider>> providers) {
        return budgets == null || providers.isEmpty() ? providers : budgets.affordable(route.name(), providers);
    }

    /** Embeds the positions through the route's providers and publishes them; returns the failures if any remain. */
    private List<ProviderCallException> embedInto(CacheLookup lookup, int[] positions, ModelRoute route,
                                                  EmbeddingRequest request, Priority priority,
                                                  List<ProviderAttempt> attempts) {
        if (positions.length == 0) {
            return List.of();
        }
        var attempt = new ProviderAttempt(request, priority, route.name(), positions, planner, answerValidator,
                metrics, List.of());
        attempts.add(attempt);
        attempt.serve(affordable(route, route.providers()));
        var byPosition = new HashMap<Integer, CachedEmbedding>(positions.length * 2);
        for (int position : positions) {
            if (attempt.vector(position) != null) {
                byPosition.put(position, new CachedEmbedding(attempt.vector(position), attempt.tokens(position),
                        attempt.truncated(position)));
            }
        }
        // Even when some calls failed, the vectors that came are cached: a large request refused part-way (a full
        // queue) costs its retry only the part that was not done.
        if (!byPosition.isEmpty()) {
            lookup.publish(byPosition);
        }
        return attempt.complete() ? List.of() : attempt.failures();
    }

    /**
     * Every provider of the space failed: the whole request goes to the fallback, if the route has one. Calls that
     * succeeded before the failure were billed all the same, so their usage counts too.
     */
    private Embeddings fallback(ModelRoute route, EmbeddingRequest request, Priority priority,
                                List<ProviderCallException> failures, List<ProviderAttempt> attempts) {
        List<Guarded<EmbeddingProvider>> fallback = affordable(route, route.fallback());
        if (fallback.isEmpty()) {
            throw ProvidersFailed.report(route.name(), failures);
        }
        int[] all = IntStream.range(0, request.inputs().size()).toArray();
        var attempt = new ProviderAttempt(request, priority, route.name(), all, planner, answerValidator, metrics,
                failures);
        attempts.add(attempt);
        attempt.serve(fallback);
        if (!attempt.complete()) {
            throw ProvidersFailed.report(route.name(), attempt.failures());
        }
        var vectors = new ArrayList<float[]>(all.length);
        var truncated = new ArrayList<Integer>();
        for (int position : all) {
            vectors.add(attempt.vector(position));
            if (attempt.truncated(position)) {
                truncated.add(position);
            }
        }
        // Billed: every call made; named as the server: only the fallback, which produced every vector returned.
        var usage = usage(attempts, 0, 0, route);
        return new Embeddings(vectors, route.name(), attempt.lastServer().space(), providers(attempt.usage()),
                truncated, true, usage, List.of());
    }

    private static Embeddings result(ModelRoute route, CacheLookup lookup, List<ProviderAttempt> attempts) {
        var vectors = new ArrayList<float[]>(lookup.size());
        var truncated = new ArrayList<Integer>();
        for (int position = 0; position < lookup.size(); position++) {
            CachedEmbedding entry = lookup.entry(position);
            vectors.add(entry.vector());
            if (entry.truncated()) {
                truncated.add(position);
            }
        }
        var usage = usage(attempts, lookup.hits(), lookup.savedTokens(), route);
        return new Embeddings(vectors, route.name(), route.space(), providers(usage.upstream()), truncated, false, usage,
                lookup.staleIndexes());
    }

    /** What the attempts' calls processed, per provider, with the cache's part. */
    private static Embeddings.Usage usage(List<ProviderAttempt> attempts, int cacheHits, long savedTokens,
                                          ModelRoute route) {
        var upstream = new LinkedHashMap<String, ProviderUsage>();
        long upstreamNanos = 0;
        for (ProviderAttempt attempt : attempts) {
            attempt.usage().forEach(used -> upstream.merge(used.provider(), used, ProviderUsage::plus));
            upstreamNanos += attempt.upstreamNanos();
        }
        return new Embeddings.Usage(List.copyOf(upstream.values()), cacheHits, savedTokens, route.primary().name(),
                upstreamNanos);
    }

    private static String providers(List<ProviderUsage> upstream) {
        if (upstream.isEmpty()) {
            return "cache";
        }
        var names = new LinkedHashSet<String>();
        upstream.forEach(used -> names.add(used.provider()));
        return String.join(",", names);
    }

    public ModelRegistry registry() {
        return registry;
    }

    public EmbeddingCache cache() {
        return cache;
    }

    /** The recorder counting usage, or null when usage is not counted. */
    public UsageRecorder usage() {
        return usage;
    }

    /** The budgets enforced, or null when there are none. */
    public BudgetGuard budgets() {
        return budgets;
    }

    /** Assembles an {@link EmbeddingService}; only the registry is required. */
    public static final class Builder {

        private final ModelRegistry registry;
        private EmbeddingLimits limits = EmbeddingLimits.DEFAULT;
        private EmbeddingCache cache = EmbeddingCache.disabled();
        private UsageRecorder usage;
        private BudgetGuard budgets;
        private GatewayMetrics metrics = GatewayMetrics.NONE;

        private Builder(ModelRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        public Builder limits(EmbeddingLimits requestLimits) {
            this.limits = Objects.requireNonNull(requestLimits, "limits");
            return this;
        }

        public Builder cache(EmbeddingCache embeddingCache) {
            this.cache = Objects.requireNonNull(embeddingCache, "cache");
            return this;
        }

        /** Counts every served request's usage and cost. */
        public Builder usage(UsageRecorder recorder) {
            this.usage = recorder;
            return this;
        }

        /** Enforces spend caps (needs {@link #usage}, which counts the spend). */
        public Builder budgets(BudgetGuard guard) {
            this.budgets = guard;
            return this;
        }

        /** Where upstream calls and failovers are reported. */
        public Builder metrics(GatewayMetrics gatewayMetrics) {
            this.metrics = Objects.requireNonNull(gatewayMetrics, "metrics");
            return this;
        }

        public EmbeddingService build() {
            return new EmbeddingService(validated());
        }

        private Builder validated() {
            if (budgets != null && usage == null) {
                throw new IllegalStateException("budgets need a usage recorder to count spend");
            }
            return this;
        }
    }
}
