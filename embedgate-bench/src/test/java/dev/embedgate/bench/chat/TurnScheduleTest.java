package dev.embedgate.bench.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class TurnScheduleTest {

    private static final List<StreamTarget> TARGETS = List.of(StreamTarget.DIRECT, StreamTarget.GATEWAY,
            StreamTarget.NGINX);

    @Test
    void overABalancedRunEveryTargetHoldsEveryPlaceAndFollowsEveryOtherEquallyOften() {
        for (int count = 2; count <= StreamTarget.values().length; count++) {
            List<StreamTarget> targets = List.of(StreamTarget.values()).subList(0, count);
            int cycles = TurnSchedule.balancedCycles(count);
            TurnSchedule schedule = TurnSchedule.balanced(targets, cycles, Duration.ofSeconds(1),
                    Duration.ofSeconds(2));

            var places = new HashMap<String, Integer>();
            var follows = new HashMap<String, Integer>();
            for (int turn = 0; turn < schedule.turns().size(); turn++) {
                places.merge(schedule.turns().get(turn) + "@" + turn % count, 1, Integer::sum);
                if (turn % count > 0) {
                    follows.merge(schedule.turns().get(turn - 1) + ">" + schedule.turns().get(turn), 1, Integer::sum);
                }
            }
            int each = cycles / count;
            assertThat(places).as(count + " targets: places").hasSize(count * count)
                    .allSatisfy((place, times) -> assertThat(times).isEqualTo(each));
            assertThat(follows).as(count + " targets: who follows whom within cycles").hasSize(count * (count - 1))
                    .allSatisfy((pair, times) -> assertThat(times).isEqualTo(each));
        }
    }

    @Test
    void everyTargetHasItsTurnsOfEqualLength() {
        TurnSchedule schedule = TurnSchedule.balanced(TARGETS, 5, Duration.ofSeconds(1), Duration.ofSeconds(2));

        assertThat(schedule.turns()).hasSize(15);
        for (StreamTarget target : TARGETS) {
            assertThat(schedule.turns().stream().filter(target::equals)).hasSize(5);
        }
        assertThat(schedule.turn()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void onlyStreamsStartedBetweenATurnsUnmeasuredStartAndEndAreMeasured() {
        TurnSchedule schedule = TurnSchedule.balanced(TARGETS, 1, Duration.ofSeconds(1), Duration.ofSeconds(2));
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
