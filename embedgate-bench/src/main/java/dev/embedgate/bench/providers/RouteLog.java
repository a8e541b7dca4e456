package dev.embedgate.bench.providers;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One simulator route's request log at a moment: calls that reached it, the status of each answer, in order
 * (0 for a call that got none), and the number of inputs of each request body it could read, in order.
 */
public record RouteLog(int calls, int[] statuses, int[] inputCounts) {

    public RouteLog {
        statuses = statuses.clone();
        inputCounts = inputCounts.clone();
    }

    /** Positions (from 1) of the calls answered {@code status}, from call {@code from} on. */
    List<Integer> positionsOf(int status, int from) {
        return IntStream.range(from, statuses.length).filter(i -> statuses[i] == status).mapToObj(i -> i + 1).toList();
    }

    public long answered(int status) {
        return Arrays.stream(statuses).filter(s -> s == status).count();
    }

    /** Calls answered {@code status}, among the first {@code to} calls after the first {@code from}. */
    public long answered(int status, int from, int to) {
        return Arrays.stream(statuses, Math.min(from, statuses.length), Math.min(to, statuses.length))
                .filter(s -> s == status).count();
    }

    /** Request bodies of {@code inputs} inputs, among the bodies read after the first {@code from}. */
    public long bodiesOf(int inputs, int from) {
        return Arrays.stream(inputCounts, Math.min(from, inputCounts.length), inputCounts.length)
                .filter(count -> count == inputs).count();
    }

    /** Request bodies of more than {@code inputs} inputs, among the bodies read after the first {@code from}. */
    public long bodiesLargerThan(int inputs, int from) {
        return Arrays.stream(inputCounts, Math.min(from, inputCounts.length), inputCounts.length)
                .filter(count -> count > inputs).count();
    }
}
