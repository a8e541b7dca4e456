package dev.embedgate.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.provider.http.StreamDeadlines.Deadline;
import dev.embedgate.provider.http.StreamDeadlines.Expired;
import dev.embedgate.provider.http.StreamDeadlines.Pending;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which deadline of a stream passes when, computed from given times (no waiting). */
class StreamDeadlinesTest {

    private static final long MS = 1_000_000L;
    private static final long START = 5_000 * MS;
    private final StreamDeadlines deadlines = new StreamDeadlines(
            StreamSettings.of(Duration.ofMillis(100), Duration.ofMillis(50), Duration.ofMillis(1_000)), START);

    @Test
    void withoutAnEventTheFirstEventDeadlineRuns() {
        assertThat(deadlines.check(START + 40 * MS, 0, 0)).isEqualTo(new Pending(60 * MS));
        assertThat(deadlines.check(START + 100 * MS, 0, 0)).isEqualTo(new Expired(Deadline.FIRST_EVENT));
    }

    @Test
    void afterAnEventTheIdleDeadlineRunsFromThatEvent() {
        long lastEvent = START + 90 * MS;

        assertThat(deadlines.check(START + 120 * MS, 1, lastEvent)).isEqualTo(new Pending(20 * MS));
        assertThat(deadlines.check(START + 140 * MS, 1, lastEvent)).isEqualTo(new Expired(Deadline.IDLE));
    }

    @Test
    void theTotalDeadlineEndsEvenALivelyStream() {
        assertThat(deadlines.check(START + 990 * MS, 40, START + 985 * MS)).isEqualTo(new Pending(10 * MS));
        assertThat(deadlines.check(START + 1_000 * MS, 41, START + 999 * MS)).isEqualTo(new Expired(Deadline.TOTAL));
    }
}
