package dev.embedgate.bench.providers;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One simulator route's request log at a moment: calls that reached it and the status of each answer, in order
 * (0 for a call that got none).
 */
record RouteLog(int calls, int[] statuses) {

    RouteLog {
        statuses = statuses.clone();
    }

    /** Positions (from 1) of the calls answered {@code status}, from call {@code from} on. */
    List<Integer> positionsOf(int status, int from) {
        return IntStream.range(from, statuses.length).filter(i -> statuses[i] == status).mapToObj(i -> i + 1).toList();
    }

    long answered(int status) {
        return Arrays.stream(statuses).filter(s -> s == status).count();
    }
}
