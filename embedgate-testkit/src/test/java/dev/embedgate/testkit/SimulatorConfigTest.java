package dev.embedgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorConfigTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("sim.yaml"), yaml);
    }

    @Test
    void readsPortSeedKeysAndFaultsPerRouteFromYaml() throws Exception {
        SimulatorConfig config = SimulatorConfig.load(write("""
                port: 8099
                seed: 7
                apiKeys: [sk-one, sk-two]
                faults:
                  openai:
                    requestsPerMinute: 60
                    tokensPerMinute: 100000
                    script: ["status:429:2", ok]
                  huggingface:
                    coldStartSeconds: 20
                  ollama:
                    errorRate: 0.1
                    errorStatuses: [503]
                    latencyMillis: 20
                """));

        assertThat(config.port()).isEqualTo(8099);
        assertThat(config.seed()).isEqualTo(7);
        assertThat(config.apiKeys()).containsExactly("sk-one", "sk-two");
        assertThat(config.faultsFor(Route.OPENAI).requestsPerMinute()).isEqualTo(60);
        assertThat(config.faultsFor(Route.OPENAI).script()).containsExactly("status:429:2", "ok");
        assertThat(config.faultsFor(Route.HUGGINGFACE).coldStartSeconds()).isEqualTo(20);
        assertThat(config.faultsFor(Route.OLLAMA).errorStatuses()).containsExactly(503);
        assertThat(config.faultsFor(Route.OLLAMA).hangMillis()).isEqualTo(Faults.DEFAULT_HANG_MILLIS);
        assertThat(config.faultsFor(Route.COHERE)).isEqualTo(Faults.NONE);
    }

    @Test
    void leftOutKeysTakeTheDefaults() throws Exception {
        SimulatorConfig config = SimulatorConfig.load(write("apiKeys: [k]\n"));

        assertThat(config.port()).isZero();
        assertThat(config.seed()).isEqualTo(SimulatorConfig.DEFAULT_SEED);
        assertThat(SimulatorConfig.load(write(""))).isEqualTo(SimulatorConfig.defaults());
    }

    @Test
    void anUnknownKeyIsNamedWithTheKnownOnes() throws Exception {
        assertThatThrownBy(() -> SimulatorConfig.load(write("faults:\n  openai:\n    errorrate: 0.5\n")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("errorrate").hasMessageContaining("errorRate");
    }

    @Test
    void anUnknownRouteIsRefused() throws Exception {
        assertThatThrownBy(() -> SimulatorConfig.load(write("faults:\n  azure: {}\n")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("azure");
    }

    @Test
    void anOutOfRangeRateNamesTheKey() throws Exception {
        assertThatThrownBy(() -> SimulatorConfig.load(write("faults:\n  tei:\n    resetRate: 1.5\n")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("resetRate");
    }

    @Test
    void defaultsAcceptAnyKeyOnAnyFreePortWithoutFaults() {
        SimulatorConfig config = SimulatorConfig.defaults();

        assertThat(config.port()).isZero();
        assertThat(config.apiKeys()).isEqualTo(List.of());
        for (Route route : Route.values()) {
            assertThat(config.faultsFor(route)).isEqualTo(Faults.NONE);
        }
    }
}
