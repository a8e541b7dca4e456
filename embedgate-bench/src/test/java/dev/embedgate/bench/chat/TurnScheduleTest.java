package dev.embedgate.bench.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TurnScheduleTest {

    private static final List<StreamTarget> TARGETS = List.of(StreamTarget.DIRECT, StreamTarget.GATEWAY,
            StreamTarget.NGINX);

    @Test
    void everyCycleRotatesTheOrderSoThatEveryTargetFollowsEveryOther() {
        TurnSchedule schedule = TurnSchedule.rotating(TARGETS, 3, Duration.ofSeconds(1), Duration.ofSeconds(2));

        assertThat(schedule.turns()).containsExactly(
                StreamTarget.DIRECT, StreamTarget.GATEWAY, StreamTarget.NGINX,
                StreamTarget.GATEWAY, StreamTarget.NGINX, StreamTarget.DIRECT,
                StreamTarget.NGINX, StreamTarget.DIRECT, StreamTarget.GATEWAY);
        assertThat(schedule.turn()).isEqualTo(Duration.ofSeconds(4));
        assertThat(schedule.length()).isEqualTo(Duration.ofSeconds(36));
    }

    @Test
    void onlyStreamsStartedBetweenATurnsUnmeasuredStartAndEndAreMeasured() {
        TurnSchedule schedule = TurnSchedule.rotating(TARGETS, 1, Duration.ofSeconds(1), Duration.ofSeconds(2));
        long second = Duration.ofSeconds(1).toNanos();

        assertThat(schedule.measured(second - 1)).isFalse();
        assertThat(schedule.measured(second)).isTrue();
        assertThat(schedule.measured(3 * second - 1)).isTrue();
        assertThat(schedule.measured(3 * second)).isFalse();
        assertThat(schedule.turnAt(4 * second + 1)).isEqualTo(1);
        assertThat(schedule.measured(5 * second)).isTrue();
        assertThat(schedule.turnAt(12 * second)).as("over").isEqualTo(3);
        assertThat(schedule.measured(13 * second)).isFalse();
        assertThat(schedule.measuredStartNanos(2)).isEqualTo(9 * second);
        assertThat(schedule.measuredEndNanos(2)).isEqualTo(11 * second);
    }

    @Test
    void aTurnMustBeLongerThanItsUnmeasuredStartAndEnd() {
        assertThatThrownBy(() -> new TurnSchedule(TARGETS, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
