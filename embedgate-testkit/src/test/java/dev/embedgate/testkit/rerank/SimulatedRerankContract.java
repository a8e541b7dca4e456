package dev.embedgate.testkit.rerank;

import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.rerank.RerankProvider;
import dev.embedgate.rerank.RerankProviderContract;
import dev.embedgate.testkit.Faults;
import dev.embedgate.testkit.ProviderSimulator;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.SimulatorConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@link RerankProviderContract} against a real {@link ProviderSimulator} on loopback that accepts only the
 * contract's key: one simulator per test class, reset before each test, and one provider per test.
 */
abstract class SimulatedRerankContract extends RerankProviderContract {

    protected static ProviderSimulator simulator;
    private RerankProvider provider;

    @BeforeAll
    static void startSimulator() {
        simulator = ProviderSimulator.start(new SimulatorConfig(0, 7, List.of(KEY.reveal()), Map.of()));
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @BeforeEach
    void resetSimulator() {
        simulator.reset();
    }

    @AfterEach
    void closeProvider() {
        if (provider != null) {
            provider.close();
            provider = null;
        }
    }

    /** The route the kind's rerank endpoint is on. */
    protected abstract Route route();

    /** The kind's provider reaching this endpoint. */
    protected abstract RerankProvider provider(RemoteEndpoint endpoint);

    /** The base URL the kind is configured with. */
    protected abstract String baseUrl();

    @Override
    protected final RerankProvider provider() {
        if (provider == null) {
            provider = provider(new RemoteEndpoint(URI.create(baseUrl()), KEY, Duration.ofSeconds(10)));
        }
        return provider;
    }

    @Override
    protected final void script(String... steps) {
        simulator.faults(route(), Faults.scripted(steps));
    }

    @Override
    protected double expectedScore(String query, String document, boolean raw) {
        return raw ? SimulatedRelevance.rawScore(query, document) : SimulatedRelevance.score(query, document);
    }
}
