package dev.embedgate.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code embedgate status}: a running gateway's {@code /status}, as tables. {@code /status} is an operator's route:
 * a gateway that requires keys wants an admin key ({@link GatewayOptions}); one without keys answers only the clients
 * it allows (by default, its own host).
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows a running gateway's providers, cache, memory counts and budgets (from its /status).")
final class StatusCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Mixin
    private GatewayOptions gateway;

    @Override
    public void run() {
        JsonNode status = fetch();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s: %s (default model %s; store %s)%n%n", gateway.url(spec), status.path("status").asText(),
                status.path("default_model").asText(), status.at("/store/reachable").asBoolean() ? "up" : "down");
        String providers = "%-52s %-9s %-7s %-9s %-9s %s%n";
        out.printf(providers, "PROVIDER", "AVAILABLE", "API KEY", "CIRCUIT", "HEADROOM", "LAST ERROR");
        for (JsonNode provider : status.path("providers")) {
            JsonNode error = provider.path("last_error");
            out.printf(providers, provider.path("name").asText(), yesNo(provider.path("available")),
                    yesNo(provider.path("has_api_key")), text(provider.path("circuit")),
                    text(provider.path("rate_limit_headroom")),
                    error.isMissingNode() || error.isNull() ? "-" : error.path("at").asText() + " "
                            + error.path("kind").asText() + ": " + error.path("message").asText());
        }
        out.println();
        String tiers = "%-12s %-8s %10s %10s %9s%n";
        out.printf(tiers, "CACHE TIER", "HEALTHY", "HITS", "MISSES", "HIT RATIO");
        for (JsonNode tier : status.at("/cache/tiers")) {
            out.printf(tiers, tier.path("tier").asText(), yesNo(tier.path("healthy")), tier.path("hits").asLong(),
                    tier.path("misses").asLong(), String.format("%.3f", tier.path("hit_ratio").asDouble()));
        }
        JsonNode memory = status.path("memory");
        if (memory.isObject()) {
            out.println();
            new TextTable("MEMORY STORE", ">MEMORIES", ">PENDING", ">VECTORS", ">DEGRADED")
                    .row(memory.path("store").asText(), memory.path("memories").asLong(), memory.path("pending").asLong(),
                            memory.path("vectors").asLong(), memory.path("degraded").asLong())
                    .print(out);
        }
        if (!status.path("budgets").isEmpty()) {
            out.println();
            String budgets = "%-10s %-40s %-8s %12s %12s %s%n";
            out.printf(budgets, "BUDGET", "NAME", "PERIOD", "SPENT $", "CAP $", "STATE");
            for (JsonNode budget : status.path("budgets")) {
                out.printf(budgets, budget.path("scope").asText(), budget.path("name").asText(),
                        budget.path("period").asText(), budget.path("spent_usd").asText(), budget.path("cap_usd").asText(),
                        budget.path("exhausted").asBoolean() ? "exhausted (" + budget.path("on_exhausted").asText() + ")"
                                : budget.path("warning").asBoolean() ? "warning" : "ok");
            }
        }
    }

    private JsonNode fetch() {
        try (GatewayClient client = gateway.client(spec, Duration.ofSeconds(10))) {
            return client.get("/status");
        } catch (GatewayCallException e) {
            if (e.status() == 401 || e.status() == 403) {
                throw new IllegalStateException(e.getMessage() + "; /status is for operators: with keys on it needs "
                        + "an admin key ('embedgate keys create --admin') in " + GatewayOptions.DEFAULT_KEY_VARIABLE
                        + " or the variable --api-key-env names; with keys off, run this on the gateway's host", e);
            }
            throw e;
        }
    }

    private static String yesNo(JsonNode flag) {
        return flag.isMissingNode() || flag.isNull() ? "-" : flag.asBoolean() ? "yes" : "no";
    }

    private static String text(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? "-" : value.asText();
    }
}
