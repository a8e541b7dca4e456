package dev.embedgate.provider.http;

/**
 * Which of a stream's deadlines has passed, if any, and when to look again. Pure: it is given the time, so it is
 * tested without waiting. Times are {@link System#nanoTime()} readings.
 */
final class StreamDeadlines {

    /** The three deadlines of {@link StreamSettings}. */
    enum Deadline { FIRST_EVENT, IDLE, TOTAL }

    /** The outcome of a check. */
    sealed interface Verdict {
    }

    /** A deadline has passed. */
    record Expired(Deadline deadline) implements Verdict {
    }

    /** None has passed; check again after this long. */
    record Pending(long nanosUntilNextCheck) implements Verdict {
    }

    private final long firstEventNanos;
    private final long idleNanos;
    private final long totalNanos;
    private final long startNanos;

    StreamDeadlines(StreamSettings settings, long startNanos) {
        this.firstEventNanos = settings.firstEventTimeout().toNanos();
        this.idleNanos = settings.idleTimeout().toNanos();
        this.totalNanos = settings.totalTimeout().toNanos();
        this.startNanos = startNanos;
    }

    /**
     * @param events         events the listener has accepted
     * @param lastEventNanos when the listener returned from the last of them (ignored while {@code events} is 0): time
     *                       the listener takes is the caller's, not the server's idleness
     */
    Verdict check(long nowNanos, long events, long lastEventNanos) {
        long elapsed = nowNanos - startNanos;
        if (elapsed >= totalNanos) {
            return new Expired(Deadline.TOTAL);
        }
        long untilTotal = totalNanos - elapsed;
        if (events == 0) {
            return elapsed >= firstEventNanos ? new Expired(Deadline.FIRST_EVENT)
                    : new Pending(Math.min(untilTotal, firstEventNanos - elapsed));
        }
        long idle = nowNanos - lastEventNanos;
        return idle >= idleNanos ? new Expired(Deadline.IDLE) : new Pending(Math.min(untilTotal, idleNanos - idle));
    }
}
