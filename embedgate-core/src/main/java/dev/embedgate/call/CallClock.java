package dev.embedgate.call;

import java.time.Duration;

/**
 * The time the call path reads and the waits it makes: deadlines, backoff, rate-limit pauses and bucket refills.
 * Tests pass a clock whose {@link #sleep} moves time forward, so that hours of rate limits take no time.
 * Implementations are thread-safe.
 */
public interface CallClock {

    /** A monotonic reading in nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    /** Waits this long (no-op for zero or negative durations). */
    void sleep(Duration duration) throws InterruptedException;

    /** The JVM's monotonic clock and real sleeps. */
    CallClock SYSTEM = new CallClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            if (duration.isPositive()) {
                Thread.sleep(duration);
            }
        }
    };
}
