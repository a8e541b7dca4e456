package dev.embedgate.server.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedgate.embedding.EmbeddingRequest;
import dev.embedgate.error.EmbedGateException;
import dev.embedgate.provider.ProviderEnvironment;
import dev.embedgate.server.config.ConfigLoader;
import dev.embedgate.server.config.Gateway;
import dev.embedgate.server.config.GatewayAssembly;
import dev.embedgate.server.config.GatewayConfig;
import dev.embedgate.testkit.Faults;
import dev.embedgate.testkit.ProviderSimulator;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.SimulatorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StatusService} and {@link ReadinessService} over a real gateway: a simulated OpenAI provider that fails
 * every call, with a hash provider as its route's fallback. No local model is configured, so nothing loads.
 */
class StatusServiceTest {

    private static final String KEY = "sk-status-0123456789abcdef";

    @TempDir
    Path dir;

    private ProviderSimulator simulator;
    private Gateway gateway;

    @BeforeEach
    void start() throws IOException {
        simulator = ProviderSimulator.start(SimulatorConfig.defaults().withPort(0)
                .withFaults(Route.OPENAI, Faults.builder().errorRate(1.0).build()));
        GatewayConfig config = ConfigLoader.load(Files.writeString(dir.resolve("embedgate.yaml"), """
                models: {builtIn: false, default: docs}
                providers:
                  - name: sim-openai
                    kind: openai
                    model: text-embedding-3-small
                    baseUrl: %s
                    apiKeyEnv: SIM_OPENAI_KEY
                    deadlineMillis: 3000
                    rateLimit: {requestsPerMinute: 600}
                  - name: emergency-hash
                    kind: hash
                    dimensions: 1536
                routes:
                  - name: docs
                    providers: [sim-openai]
                    fallback: [emergency-hash]
                budgets:
                  providers:
                    sim-openai: {dailyUsd: 1}
                """.formatted(simulator.openAiBaseUrl())));
        gateway = GatewayAssembly.gateway(config.withDataDir(dir.resolve("data")),
                new ProviderEnvironment(Map.of("SIM_OPENAI_KEY", KEY)), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        gateway.close();
        simulator.close();
    }

    @Test
    void reportsAnOpenCircuitWithItsLastErrorAndTheProviderUnavailable() {
        for (int call = 0; call < 5 && !circuitOf("sim-openai").equals("open"); call++) {
            embedIgnoringFailure();
        }

        ProviderStatus openAi = provider(gateway.statusService().status(), "sim-openai");

        assertThat(openAi.health().circuit()).isEqualTo("open");
        assertThat(openAi.available()).isFalse();
        assertThat(openAi.hasApiKey()).isTrue();
        assertThat(openAi.routes()).containsExactly("docs");
        assertThat(openAi.health().lastError()).isNotNull();
        assertThat(openAi.health().lastError().message()).doesNotContain(KEY);
        assertThat(openAi.health().rateLimitHeadroom()).isNotNull().isLessThan(600);
    }

    @Test
    void listsTheFallbackProviderOnceWithTheHealthOfItsOwnCallPath() {
        GatewayStatus status = gateway.statusService().status();

        assertThat(status.providers()).extracting(ProviderStatus::name).containsExactly("sim-openai", "hash/1536");
        ProviderStatus hash = provider(status, "hash/1536");
        assertThat(hash.routes()).containsExactly("docs (fallback)");
        assertThat(hash.health().circuit()).as("every provider, the fallback too, has a call path").isEqualTo("closed");
        assertThat(hash.health().lastError()).isNull();
        assertThat(status.budgets()).singleElement().satisfies(budget -> {
            assertThat(budget.scope()).isEqualTo("provider");
            assertThat(budget.period()).isEqualTo("daily");
        });
        assertThat(status.store().reachable()).isTrue();
        assertThat(status.rateLimitStore()).isNull();
    }

    @Test
    void statusSerialisesInTheShapeOfSlashStatus() {
        embedIgnoringFailure();

        JsonNode json = new ObjectMapper().valueToTree(gateway.statusService().status());

        assertThat(json.properties()).extracting(Map.Entry::getKey)
                .containsExactly("status", "default_model", "providers", "store", "cache", "models", "budgets", "memory");
        JsonNode openAi = json.at("/providers/0");
        assertThat(openAi.properties()).extracting(Map.Entry::getKey).containsExactly("name", "capability", "space", "routes",
                "available", "has_api_key", "usd_per_million_tokens", "circuit", "rate_limit_headroom", "last_error");
        assertThat(openAi.at("/last_error/kind").asText()).isNotBlank();
        assertThat(openAi.at("/last_error/at").asText()).endsWith("Z");
        assertThat(json.at("/providers/1/circuit").asText()).as("the hash fallback's own circuit").isEqualTo("closed");
        assertThat(json.at("/cache/tiers/0").properties()).extracting(Map.Entry::getKey)
                .containsExactly("tier", "healthy", "hits", "misses", "hit_ratio");
        assertThat(json.at("/budgets/0").properties()).extracting(Map.Entry::getKey).containsExactly("scope", "name",
                "period", "spent_usd", "cap_usd", "warning", "exhausted", "on_exhausted");
        assertThat(json.at("/memory").properties()).extracting(Map.Entry::getKey)
                .containsExactly("store", "memories", "pending", "vectors", "degraded", "migrations_under_way");
        assertThat(json.toString()).doesNotContain(KEY);
    }

    @Test
    void readinessChecksTheServingProvidersAndOmitsALocalRateLimitStore() {
        Readiness readiness = gateway.readinessService().readiness();
        JsonNode json = new ObjectMapper().valueToTree(readiness);

        assertThat(readiness.ready()).isTrue();
        assertThat(readiness.providers()).containsExactly(Map.entry("sim-openai", "reachable"));
        assertThat(readiness.models()).containsExactly(Map.entry("docs", "loaded"));
        assertThat(json.properties()).extracting(Map.Entry::getKey)
                .containsExactly("status", "default_model", "providers", "store", "cache", "models");
    }

    @Test
    void readinessIsNotReadyWhenTheStoreIsDown() {
        gateway.database().close();

        Readiness readiness = gateway.readinessService().readiness();

        assertThat(readiness.ready()).isFalse();
        assertThat(readiness.store()).isEqualTo("down");
        assertThat(gateway.statusService().status().store().reachable()).isFalse();
    }

    private void embedIgnoringFailure() {
        try {
            gateway.service().embed(EmbeddingRequest.of("docs", List.of("status check")));
        } catch (EmbedGateException expected) {
            // Every call fails upstream; the hash fallback may or may not answer it.
        }
    }

    private String circuitOf(String provider) {
        ProviderHealth health = provider(gateway.statusService().status(), provider).health();
        return health == null ? "none" : health.circuit();
    }

    private static ProviderStatus provider(GatewayStatus status, String name) {
        return status.providers().stream().filter(provider -> provider.name().equals(name)).findFirst().orElseThrow();
    }
}
