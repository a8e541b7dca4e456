package dev.embedgate.server.api;

import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.local.LocalOnnxProvider;
import dev.embedgate.server.routes.RouteCatalog;
import dev.embedgate.server.routes.RoutedProvider;
import dev.embedgate.server.status.CapabilityProviders;
import dev.embedgate.server.status.ProviderHealth;
import dev.embedgate.usage.BudgetGuard;
import io.javalin.http.Context;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Locale;

/**
 * {@code GET /metrics} in Prometheus' text format, with the meters that are read when scraped rather than counted:
 * each circuit's state, each local model's batching, and spend against each budget.
 */
final class MetricsEndpoint {

    private final PrometheusMeterRegistry registry;

    /** @param budgets the spend caps, or null when none are enforced */
    MetricsEndpoint(PrometheusMeterRegistry registry, RouteCatalog routes, CapabilityProviders chatAndRerank,
                    BudgetGuard budgets) {
        this.registry = registry;
        registerProviderMeters(routes);
        for (CapabilityProviders.Served served : chatAndRerank.providers()) {
            Gauge.builder("embedgate.circuit.state", served.guarded(), guarded -> circuitValue(ProviderHealth.circuitOf(guarded)))
                    .description("0 closed, 0.5 half-open, 1 open").tag("provider", served.guarded().name())
                    .register(registry);
        }
        if (budgets != null) {
            registerBudgetGauges(budgets);
        }
    }

    private void registerProviderMeters(RouteCatalog routes) {
        for (RoutedProvider routed : routes.servingProviders()) {
            EmbeddingProvider provider = routed.provider();
            Gauge.builder("embedgate.circuit.state", routed, MetricsEndpoint::circuitValue)
                    .description("0 closed, 0.5 half-open, 1 open").tag("provider", provider.name())
                    .register(registry);
            if (provider instanceof LocalOnnxProvider local) {
                String model = routed.firstServedRoute();
                FunctionCounter.builder("embedgate.local.batches", local, p -> p.batchCounts().batches())
                        .description("ONNX runs of a local model").tag("model", model).register(registry);
                FunctionCounter.builder("embedgate.local.batched.texts", local, p -> p.batchCounts().texts())
                        .description("texts in those runs (divided by the runs: the mean batch size)")
                        .tag("model", model).register(registry);
            }
        }
    }

    private static double circuitValue(RoutedProvider routed) {
        return circuitValue(ProviderHealth.circuitOf(routed.guarded()));
    }

    private static double circuitValue(String circuit) {
        return switch (circuit) {
            case "open" -> 1;
            case "closed" -> 0;
            default -> 0.5;
        };
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
