package dev.embedgate.rerank;

import dev.embedgate.call.Guarded;
import dev.embedgate.call.ProvidersFailed;
import dev.embedgate.embedding.Caller;
import dev.embedgate.error.BudgetExceededException;
import dev.embedgate.error.EmbedGateException;
import dev.embedgate.error.InvalidRequestException;
import dev.embedgate.error.ModelNotAllowedException;
import dev.embedgate.error.ProviderFailureException;
import dev.embedgate.metrics.GatewayMetrics;
import dev.embedgate.provider.Capability;
import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.usage.BudgetGuard;
import dev.embedgate.usage.UsageEvent;
import dev.embedgate.usage.UsageRecorder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reranking through the provider machinery: the caller's key and budgets, the candidate cap, then each provider of
 * the model in turn (cached scores first, the rest in batches through its call path), and, when every provider
 * failed and the model allows it, the local cosine ranker, which always works offline. One answer's scores always
 * come from one ranker. Thread-safe.
 */
public final class RerankService {

    private final RerankRoutes routes;
    private final RerankSettings settings;
    private final RerankCalls calls;
    private final Optional<CosineRanker> localRanker;
    private final BudgetGuard budgets;
    private final UsageRecorder usage;
    private final GatewayMetrics metrics;

    /** @param localRanker the cosine ranker for routes that allow it; empty when no local model is available */
    public RerankService(RerankRoutes routes, RerankSettings settings, Optional<CosineRanker> localRanker,
                         BudgetGuard budgets, UsageRecorder usage, GatewayMetrics metrics) {
        this.routes = routes;
        this.settings = settings;
        this.calls = new RerankCalls(new RerankScoreCache(settings.cacheEntries()));
        this.localRanker = localRanker;
        this.budgets = budgets;
        this.usage = usage;
        this.metrics = metrics;
    }

    public RerankRoutes routes() {
        return routes;
    }

    public RerankSettings settings() {
        return settings;
    }

    /**
     * Ranks the documents by relevance to the query, the best first.
     *
     * @throws EmbedGateException what the caller is told: invalid input, unknown or forbidden model, budget spent,
     *                            every ranker failed (with its kind), cancelled
     */
    public RerankResult rerank(RerankQuery query, Caller caller) {
        RerankRoute route = routes.resolve(query.model());
        if (!caller.mayUse(route.name(), route.aliases())) {
            throw new ModelNotAllowedException(route.name(), caller.apiKeyId());
        }
        validate(query);
        budgets.checkRequest(route.name(), caller);
        List<Guarded<RerankProvider>> providers = route.providers().stream()
                .filter(provider -> !query.rawScores() || provider.provider().rawScores()).toList();
        if (query.rawScores() && providers.isEmpty() && !route.localFallback()) {
            throw new InvalidRequestException("raw_scores: the rerankers of model '" + route.name()
                    + "' answer relevance scores only", "raw_scores");
        }
        var failures = new ArrayList<ProviderCallException>();
        for (Guarded<RerankProvider> provider : affordable(route, providers)) {
            long start = System.nanoTime();
            try {
                RerankCalls.Scored scored = calls.score(provider, query);
                metrics.upstreamCall(provider.name(), "ok", System.nanoTime() - start);
                usage.record(new UsageEvent(Capability.RERANK, provider.name(), route.name(), caller.apiKeyId(), 1,
                        scored.calls(), scored.inputTokens(), 0, scored.cacheHits(), 0));
                return result(route, provider.name(), false, query, scored.scores(), scored.inputTokens());
            } catch (ProviderCallException e) {
                metrics.upstreamCall(provider.name(), e.kind().wireName(), System.nanoTime() - start);
                metrics.failover(route.name(), provider.name(), query.documents().size());
                failures.add(e);
            }
        }
        if (route.localFallback() && localRanker.isPresent()) {
            CosineRanker ranker = localRanker.get();
            CosineRanker.Scored scored = ranker.score(query.query(), query.documents(), caller);
            usage.record(UsageEvent.served(Capability.RERANK, ranker.name(), route.name(), caller.apiKeyId(), 0, 0, 0));
            double[] scores = scored.scores().stream().mapToDouble(Double::doubleValue).toArray();
            return result(route, ranker.name(), !route.providers().isEmpty(), query, scores, scored.tokens());
        }
        if (failures.isEmpty()) {
            throw new ProviderFailureException(route.name(), "rerank model '" + route.name()
                    + "' has no ranker that can answer" + (route.localFallback()
                    ? " (its local fallback needs the bundled model " + CosineRanker.DEFAULT_MODEL + ")" : ""), null);
        }
        throw ProvidersFailed.report(route.name(), failures);
    }

    /** The providers that may spend; none (rather than a refusal) when the local ranker may answer instead. */
    private List<Guarded<RerankProvider>> affordable(RerankRoute route, List<Guarded<RerankProvider>> providers) {
        if (providers.isEmpty()) {
            return providers;
        }
        try {
            return budgets.affordable(route.name(), providers);
        } catch (BudgetExceededException e) {
            if (route.localFallback() && localRanker.isPresent()) {
                return List.of();
            }
            throw e;
        }
    }

    private void validate(RerankQuery query) {
        if (query.query().isBlank()) {
            throw new InvalidRequestException("query must not be empty", "query");
        }
        int count = query.documents().size();
        if (count == 0) {
            throw new InvalidRequestException("documents must hold at least one document", "documents");
        }
        if (count > settings.maxCandidates()) {
            throw new InvalidRequestException("documents: at most " + settings.maxCandidates()
                    + " documents per request, got " + count + "; split the candidates or raise rerank.maxCandidates",
                    "documents");
        }
        if (query.topN() != null && query.topN() < 1) {
            throw new InvalidRequestException("top_n must be at least 1, was " + query.topN(), "top_n");
        }
    }

    private static RerankResult result(RerankRoute route, String ranker, boolean fallback, RerankQuery query,
                                       double[] scores, long tokens) {
        var ranked = new ArrayList<RankedDocument>(scores.length);
        for (int i = 0; i < scores.length; i++) {
            ranked.add(new RankedDocument(i, scores[i]));
        }
        ranked.sort(Comparator.comparingDouble(RankedDocument::score).reversed()
                .thenComparingInt(RankedDocument::index));
        int top = query.topN() == null ? ranked.size() : Math.min(query.topN(), ranked.size());
        return new RerankResult(route.name(), ranker, fallback, ranked.subList(0, top), tokens);
    }
}
