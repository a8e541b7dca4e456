package dev.embedgate.server.api;

import dev.embedgate.embedding.EmbeddingService;
import dev.embedgate.embedding.ModelRoute;
import dev.embedgate.call.Guarded;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.local.LocalOnnxProvider;
import dev.embedgate.call.ResilientCallPath;
import dev.embedgate.usage.BudgetGuard;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.javalin.http.Context;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * {@code GET /metrics} in Prometheus' text format, with the meters that are read when scraped rather than counted:
 * each circuit's state, each local model's batching, and spend against each budget.
 */
final class MetricsEndpoint {

    private final PrometheusMeterRegistry registry;

    MetricsEndpoint(PrometheusMeterRegistry registry, EmbeddingService service) {
        this.registry = registry;
        registerProviderMeters(service);
        if (service.budgets() != null) {
            registerBudgetGauges(service.budgets());
        }
    }

    private void registerProviderMeters(EmbeddingService service) {
        Set<String> seen = new HashSet<>();
        for (ModelRoute route : service.registry().routes()) {
            for (Guarded<EmbeddingProvider> guarded : route.providers()) {
                if (!seen.add(guarded.name())) {
                    continue;
                }
                Gauge.builder("embedgate.circuit.state", guarded.path(), MetricsEndpoint::circuitValue)
                        .description("0 closed, 0.5 half-open, 1 open").tag("provider", guarded.name())
                        .register(registry);
                if (guarded.provider() instanceof LocalOnnxProvider local) {
                    FunctionCounter.builder("embedgate.local.batches", local, p -> p.batchCounts().batches())
                            .description("ONNX runs of a local model").tag("model", route.name()).register(registry);
                    FunctionCounter.builder("embedgate.local.batched.texts", local, p -> p.batchCounts().texts())
                            .description("texts in those runs (divided by the runs: the mean batch size)")
                            .tag("model", route.name()).register(registry);
                }
            }
        }
    }

    private static double circuitValue(ResilientCallPath path) {
        CircuitBreaker.State state = path.circuitState();
        return state == CircuitBreaker.State.OPEN ? 1 : state == CircuitBreaker.State.CLOSED ? 0 : 0.5;
    }

    private void registerBudgetGauges(BudgetGuard budgets) {
        for (BudgetGuard.BudgetState configured : budgets.states()) {
            Gauge.builder("embedgate.budget.spent.ratio", budgets, guard -> spentRatio(guard, configured))
                    .description("spend over the cap; 1 means the cap is reached")
                    .tag("scope", configured.scope().name().toLowerCase(Locale.ROOT)).tag("name", configured.name())
                    .tag("period", configured.period().label()).register(registry);
        }
    }

    private static double spentRatio(BudgetGuard guard, BudgetGuard.BudgetState configured) {
        return guard.states().stream()
                .filter(state -> state.scope() == configured.scope() && state.name().equals(configured.name())
                        && state.period() == configured.period())
                .mapToDouble(state -> (double) state.spentNanoUsd() / Math.max(1, state.capNanoUsd()))
                .findFirst().orElse(0);
    }

    void scrape(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
    }
}
