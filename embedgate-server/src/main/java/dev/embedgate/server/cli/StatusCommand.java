package dev.embedgate.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code embedgate status}: a running gateway's {@code /status}, as tables. {@code /status} is an operator's route:
 * a gateway that requires keys wants an admin key, read from {@code EMBEDGATE_API_KEY} unless
 * {@code --api-key-env} names another variable; one without keys answers only the clients it allows (by default,
 * its own host).
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows a running gateway's providers, cache and budgets (from its /status).")
final class StatusCommand implements Runnable {

    static final String DEFAULT_KEY_VARIABLE = "EMBEDGATE_API_KEY";

    @Spec
    private CommandSpec spec;

    @Option(names = "--url", defaultValue = "http://localhost:8080", description = "The gateway (default: ${DEFAULT-VALUE}).")
    private URI url;

    @Option(names = "--api-key-env", paramLabel = "VAR",
            description = "The variable holding an admin key, for a gateway that requires keys (default: "
                    + DEFAULT_KEY_VARIABLE + ", sent when set).")
    private String apiKeyEnv;

    @Override
    public void run() {
        JsonNode status = fetch();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s: %s (default model %s; store %s)%n%n", url, status.path("status").asText(),
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
        URI statusUrl = url.resolve("/status");
        HttpRequest.Builder request = HttpRequest.newBuilder(statusUrl).timeout(Duration.ofSeconds(10)).GET();
        Optional<String> key = EmbedGateCli.environment(spec)
                .value(apiKeyEnv == null ? DEFAULT_KEY_VARIABLE : apiKeyEnv);
        if (key.isEmpty() && apiKeyEnv != null) {
            throw new IllegalArgumentException("the variable " + apiKeyEnv + " is not set");
        }
        key.ifPresent(secret -> request.header("Authorization", "Bearer " + secret));
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                throw new IllegalStateException(statusUrl + " answered " + response.statusCode() + " ("
                        + errorMessage(response.body()) + "); /status is for operators: with keys on it needs an admin "
                        + "key ('embedgate keys create --admin') in " + DEFAULT_KEY_VARIABLE + " or the variable "
                        + "--api-key-env names; with keys off, run this on the gateway's host");
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException(statusUrl + " answered " + response.statusCode() + ": " + response.body());
            }
            return new ObjectMapper().readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("no gateway answers at " + statusUrl + " (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The message of an answer in OpenAI's error shape, else the answer itself. */
    private static String errorMessage(String body) {
        try {
            JsonNode message = new ObjectMapper().readTree(body).at("/error/message");
            return message.isTextual() ? message.asText() : body;
        } catch (IOException e) {
            return body;
        }
    }

    private static String yesNo(JsonNode flag) {
        return flag.isMissingNode() || flag.isNull() ? "-" : flag.asBoolean() ? "yes" : "no";
    }

    private static String text(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? "-" : value.asText();
    }
}
