package dev.embedgate.testkit;

import static dev.embedgate.testkit.Http.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RandomFaultsTest {

    private static final Map<String, Object> REQUEST = Map.of("model", "nomic-embed-text", "input", "x");

    private static List<Integer> statuses(long seed, Faults faults, int calls) throws Exception {
        var config = SimulatorConfig.defaults().withFaults(Route.OLLAMA, faults);
        try (var simulator = ProviderSimulator.start(new SimulatorConfig(0, seed, List.of(), config.faults()))) {
            var statuses = new ArrayList<Integer>();
            for (int i = 0; i < calls; i++) {
                statuses.add(post(simulator.ollamaBaseUrl() + "/api/embed", REQUEST).statusCode());
            }
            return statuses;
        }
    }

    @Test
    void errorRateOneAnswersOnlyTheConfiguredStatuses() throws Exception {
        List<Integer> statuses = statuses(1, Faults.builder().errorRate(1).build(), 12);

        assertThat(statuses).allMatch(status -> List.of(500, 502, 503).contains(status));
    }

    @Test
    void theSameSeedRepeatsTheSameFaults() throws Exception {
        Faults faults = Faults.builder().errorRate(0.5).errorStatuses(503).build();

        List<Integer> first = statuses(99, faults, 20);
        List<Integer> second = statuses(99, faults, 20);

        assertThat(first).isEqualTo(second);
        assertThat(first).contains(200, 503);
    }

    @Test
    void latencyDelaysEveryAnswer() throws Exception {
        long start = System.nanoTime();
        statuses(1, Faults.builder().latencyMillis(150).latencyJitterMillis(50).build(), 3);

        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(450);
    }
}
