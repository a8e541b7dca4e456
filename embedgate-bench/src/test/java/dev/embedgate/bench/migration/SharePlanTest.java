package dev.embedgate.bench.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SharePlanTest {

    private static SharePlan plan(int requestsPerMinute, double share, int batchSize) {
        return new SharePlan(requestsPerMinute, share, 1, batchSize, 2, 1, Duration.ofSeconds(10),
                Duration.ofSeconds(60), 3);
    }

    @Test
    void theMigrationMayMakeItsShareOfTheRequestsPerMinute() {
        assertThat(plan(600, 0.8, 4).migrationRequestsPerSecond()).isEqualTo(8.0);
    }

    @Test
    void eachRoundSeedsEnoughMemoriesForThePacedRateOverSettlingAndWindowWithAQuarterToSpare() {
        // 8 requests/s of 4 memories for 70 s, and a quarter more.
        assertThat(plan(600, 0.8, 4).memoriesPerRound()).isEqualTo(2_800);
    }

    @Test
    void batchesOfOneAreRefusedBecauseTheyCouldNotBeToldFromOnlineRequests() {
        assertThatThrownBy(() -> plan(600, 0.8, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2");
    }
}
