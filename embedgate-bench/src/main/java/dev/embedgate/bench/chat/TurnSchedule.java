package dev.embedgate.bench.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Which target every client streams to, turn by turn: the targets take turns of equal length, so that whatever the
 * machine does meanwhile (another process, a burst of interrupts) falls on all of them alike. Only streams that start
 * after a turn's first {@code settle} and before its last are measured: clients move to the next target one by one, as
 * their streams end, so each end of a turn has both targets' streams in flight.
 *
 * @param turns  the target of each turn, in order
 * @param settle the unmeasured start and end of every turn, longer than a stream
 */
record TurnSchedule(List<StreamTarget> turns, Duration turn, Duration settle) {

    TurnSchedule {
        turns = List.copyOf(turns);
        if (turns.isEmpty() || settle.isNegative() || turn.compareTo(settle.multipliedBy(2)) <= 0) {
            throw new IllegalArgumentException("a turn must be longer than its unmeasured start and end");
        }
    }

    /**
     * {@code turnsEach} turns of every target, in cycles that rotate the order by one each time, so that every target
     * follows every other equally often.
     */
    static TurnSchedule rotating(List<StreamTarget> targets, int turnsEach, Duration settle, Duration measured) {
        var turns = new ArrayList<StreamTarget>();
        var cycle = new ArrayList<>(targets);
        for (int i = 0; i < turnsEach; i++) {
            turns.addAll(cycle);
            Collections.rotate(cycle, -1);
        }
        return new TurnSchedule(turns, measured.plus(settle.multipliedBy(2)), settle);
    }

    /** One turn of the target, measured whole. */
    static TurnSchedule single(StreamTarget target, Duration length) {
        return new TurnSchedule(List.of(target), length, Duration.ZERO);
    }

    Duration length() {
        return turn.multipliedBy(turns.size());
    }

    /** The turn {@code elapsedNanos} into the schedule falls in; {@code turns().size()} once it is over. */
    int turnAt(long elapsedNanos) {
        return (int) Math.min(turns.size(), Math.max(0, elapsedNanos) / turn.toNanos());
    }

    /** Whether a stream starting {@code elapsedNanos} into the schedule is measured. */
    boolean measured(long elapsedNanos) {
        long intoTurn = elapsedNanos % turn.toNanos();
        return turnAt(elapsedNanos) < turns.size() && intoTurn >= settle.toNanos()
                && intoTurn < turn.toNanos() - settle.toNanos();
    }

    long startNanos(int turnIndex) {
        return turnIndex * turn.toNanos();
    }

    long measuredStartNanos(int turnIndex) {
        return startNanos(turnIndex) + settle.toNanos();
    }

    long measuredEndNanos(int turnIndex) {
        return startNanos(turnIndex + 1) - settle.toNanos();
    }
}
