package dev.embedgate.bench.chat;

import java.time.Duration;
import java.util.ArrayList;
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
     * {@code turnsEach} turns of every target, in cycles that each hold every target once, in the orders of a Williams
     * design: over {@link #balancedCycles} cycles every target holds every place in a cycle equally often and comes
     * right after every other target equally often, so that neither a place in the cycle nor what ran just before
     * favours one target. (Rotating one order does not do that: each target then nearly always follows the same one.)
     */
    static TurnSchedule balanced(List<StreamTarget> targets, int turnsEach, Duration settle, Duration measured) {
        List<int[]> orders = williamsOrders(targets.size());
        var turns = new ArrayList<StreamTarget>();
        for (int cycle = 0; cycle < turnsEach; cycle++) {
            for (int index : orders.get(cycle % orders.size())) {
                turns.add(targets.get(index));
            }
        }
        return new TurnSchedule(turns, measured.plus(settle.multipliedBy(2)), settle);
    }

    /** Cycles after which a {@link #balanced} schedule of {@code targets} targets is balanced exactly. */
    static int balancedCycles(int targets) {
        return williamsOrders(targets).size();
    }

    /**
     * The rows of a Williams design for {@code n} treatments: the first is 0, 1, n-1, 2, n-2, ...; each next one adds
     * 1 to every entry (mod n); for an odd n, the rows reversed follow.
     */
    private static List<int[]> williamsOrders(int n) {
        var orders = new ArrayList<int[]>();
        for (int row = 0; row < n; row++) {
            int[] order = new int[n];
            for (int place = 0; place < n; place++) {
                int first = place == 0 ? 0 : place % 2 == 1 ? (place + 1) / 2 : n - place / 2;
                order[place] = (first + row) % n;
            }
            orders.add(order);
        }
        if (n % 2 == 1) {
            for (int row = 0; row < n; row++) {
                int[] order = orders.get(row);
                int[] reversed = new int[n];
                for (int place = 0; place < n; place++) {
                    reversed[place] = order[n - 1 - place];
                }
                orders.add(reversed);
            }
        }
        return orders;
    }

    /** One turn of the target, measured whole. */
    static TurnSchedule single(StreamTarget target, Duration length) {
        return new TurnSchedule(List.of(target), length, Duration.ZERO);
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
