package dev.embedgate.bench.chat;

import java.time.Duration;
import java.util.List;

/**
 * How the streaming chat benchmark runs.
 *
 * @param streams             concurrent streams (closed-loop clients), one comparison each
 * @param rounds              measured rounds; in each, at every stream count, the targets take turns
 * @param jitWarmUp           load on each target before any measurement
 * @param settle              unmeasured start and end of every turn, while clients move between targets
 * @param measured            the measured part of every turn: streams started in it count
 * @param turnsPerRound       turns of every target in a round
 * @param tokenIntervalMillis the simulated model's pace: the pause before each chunk after the first
 * @param promptWords         words of the user message on average (each body from {@link #shortestPrompt} to
 *                            {@link #longestPrompt}); the simulator answers them back, a word a token
 * @param maxPauseMillis      each client waits a random 0 to this many ms before each stream (0: back to back), so
 *                            that clients do not fall in step: streams back to back end on the simulator's shared
 *                            token beat and start again together, dozens in the same millisecond
 */
public record StreamPlan(List<Integer> streams, int rounds, Duration jitWarmUp, Duration settle, Duration measured,
                         int turnsPerRound, long tokenIntervalMillis, int promptWords, long maxPauseMillis) {

    public StreamPlan {
        streams = List.copyOf(streams);
        if (streams.isEmpty() || rounds < 1 || turnsPerRound < 1 || tokenIntervalMillis < 1 || promptWords < 1) {
            throw new IllegalArgumentException("streams, rounds, turns, token interval and prompt words must be "
                    + "positive");
        }
        if (maxPauseMillis < 0) {
            throw new IllegalArgumentException("the pause before a stream cannot be negative");
        }
        long streamMillis = streamMillis(promptWords, tokenIntervalMillis, maxPauseMillis);
        if (settle.toMillis() <= streamMillis) {
            throw new IllegalArgumentException("a turn's unmeasured start and end (" + settle.toMillis() + " ms) must "
                    + "outlast the longest stream (about " + streamMillis + " ms), so that its measured streams end "
                    + "in it");
        }
    }

    /**
     * About how long the longest stream lasts, its pause before it included: the simulated model answers the
     * prompt's words back, a word a chunk, plus a few chunks of punctuation and role.
     */
    public static long streamMillis(int promptWords, long tokenIntervalMillis, long maxPauseMillis) {
        return (longestPrompt(promptWords) + 4) * tokenIntervalMillis + maxPauseMillis;
    }

    /** The fewest words of a body when they are {@code promptWords} on average. */
    public static int shortestPrompt(int promptWords) {
        return promptWords - promptWords / 2;
    }

    /** The most words of a body when they are {@code promptWords} on average. */
    public static int longestPrompt(int promptWords) {
        return promptWords + promptWords / 2;
    }

    /** Cycles of turns after which the order of {@code targets} targets is balanced exactly. */
    public static int balancedCycles(int targets) {
        return TurnSchedule.balancedCycles(targets);
    }

    /** One round's turns at one stream count. */
    TurnSchedule schedule(List<StreamTarget> targets) {
        return TurnSchedule.balanced(targets, turnsPerRound, settle, measured);
    }
}
