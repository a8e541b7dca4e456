package dev.embedgate.bench.providers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RouteLogTest {

    private final RouteLog log = new RouteLog(6, new int[] {200, 429, 200, 200, 429, 200}, new int[] {1, 4, 1, 4, 4, 1});

    @Test
    void countsTheBodiesOfASizeAfterAnEarlierReadOfTheLog() {
        assertThat(log.bodiesLargerThan(1, 0)).isEqualTo(3);
        assertThat(log.bodiesLargerThan(1, 2)).isEqualTo(2);
        assertThat(log.bodiesOf(1, 2)).isEqualTo(2);
        assertThat(log.bodiesLargerThan(1, 10)).isZero();
    }

    @Test
    void countsTheStatusesOfARangeOfCalls() {
        assertThat(log.answered(429)).isEqualTo(2);
        assertThat(log.answered(429, 2, 6)).isEqualTo(1);
        assertThat(log.answered(429, 0, 2)).isEqualTo(1);
        assertThat(log.answered(429, 5, 100)).isZero();
    }
}
