package dev.embedgate.bench.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BackfillResultTest {

    private static BackfillRun run(String system, int round, double seconds) {
        return new BackfillRun(system, round, 1_000, 80_000, seconds);
    }

    @Test
    void theRatioIsTheMigrationsMedianOverTheRawEmbeddersMedian() {
        var result = new BackfillResult("lucene", List.of(
                run(BackfillRun.RAW, 1, 50), run(BackfillRun.MIGRATION, 1, 60),
                run(BackfillRun.MIGRATION, 2, 55), run(BackfillRun.RAW, 2, 40),
                run(BackfillRun.RAW, 3, 100), run(BackfillRun.MIGRATION, 3, 50)));

        assertThat(result.medianPerSecond(BackfillRun.RAW)).isEqualTo(20.0);
        assertThat(result.medianPerSecond(BackfillRun.MIGRATION)).isCloseTo(1_000 / 55.0, within(1e-9));
        assertThat(result.ratio()).isCloseTo(1_000 / 55.0 / 20.0, within(1e-9));
        assertThat(result.of(BackfillRun.MIGRATION)).extracting(BackfillRun::round).containsExactly(1, 2, 3);
    }
}
