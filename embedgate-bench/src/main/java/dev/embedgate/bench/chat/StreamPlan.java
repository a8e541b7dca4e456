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
 * @param maxPauseMillis      each client waits a random 0 to this many ms before each stream (0: back to back), so
 *                            that clients do not fall in step: streams back to back end on the simulator's shared
 *                            token beat and start again together, dozens in the same millisecond
 */
public record StreamPlan(List<Integer> streams, int rounds, Duration jitWarmUp, Duration windowWarmUp, Duration window,
                         long tokenIntervalMillis, int promptWords, long maxPauseMillis) {

    public StreamPlan {
        streams = List.copyOf(streams);
        if (streams.isEmpty() || rounds < 1 || tokenIntervalMillis < 1 || promptWords < 1) {
            throw new IllegalArgumentException("streams, rounds, token interval and prompt words must be positive");
        }
        if (maxPauseMillis < 0) {
            throw new IllegalArgumentException("the pause before a stream cannot be negative");
        }
    }
}
