package dev.embedgate.bench.chat;

import java.time.Duration;
import java.util.List;

/**
 * How the streaming chat benchmark runs.
 *
 * @param streams             concurrent streams (closed-loop clients), one comparison each
 * @param rounds              measured rounds; each measures both targets at every stream count, in alternating order
 * @param jitWarmUp           load on each target before any measurement
 * @param windowWarmUp        unmeasured start of every window
 * @param window              streams started inside it are measured
 * @param tokenIntervalMillis the simulated model's pace: the pause before each chunk after the first
 * @param promptWords         words of the user message; the simulator answers them back, a word a token
 */
public record StreamPlan(List<Integer> streams, int rounds, Duration jitWarmUp, Duration windowWarmUp, Duration window,
                         long tokenIntervalMillis, int promptWords) {

    public StreamPlan {
        streams = List.copyOf(streams);
        if (streams.isEmpty() || rounds < 1 || tokenIntervalMillis < 1 || promptWords < 1) {
            throw new IllegalArgumentException("streams, rounds, token interval and prompt words must be positive");
        }
    }
}
