package dev.embedgate.bench.server;

import java.time.Duration;

/**
 * When a closed-loop load run measures, and when it stops: fixed from the start ({@link #after}), or opened while
 * the run goes ({@link #pending}, then {@link #open} from another thread), for a run whose warm-up ends on an
 * event rather than after a set time. Thread-safe.
 */
public final class MeasuredWindow {

    private static final long NEVER = Long.MAX_VALUE;

    private volatile long startNanos;
    private volatile long endNanos;

    private MeasuredWindow(long startNanos, long endNanos) {
        this.startNanos = startNanos;
        this.endNanos = endNanos;
    }

    /** Measures {@code measure} after {@code warmUp} from now. */
    public static MeasuredWindow after(Duration warmUp, Duration measure) {
        long start = System.nanoTime() + warmUp.toNanos();
        return new MeasuredWindow(start, start + measure.toNanos());
    }

    /** Not measuring, and running, until {@link #open} is called. */
    public static MeasuredWindow pending() {
        return new MeasuredWindow(NEVER, NEVER);
    }

    /** Starts measuring now, for {@code measure}; the run stops at its end. */
    public void open(Duration measure) {
        long start = System.nanoTime();
        endNanos = start + measure.toNanos();
        startNanos = start;
    }

    boolean contains(long fromNanos, long toNanos) {
        return fromNanos >= startNanos && toNanos <= endNanos;
    }

    boolean over(long nowNanos) {
        return nowNanos >= endNanos;
    }

    /** Length of the window in seconds; NaN while it is pending. */
    public double seconds() {
        return startNanos == NEVER ? Double.NaN : (endNanos - startNanos) / 1e9;
    }
}
