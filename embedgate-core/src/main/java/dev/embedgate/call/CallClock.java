package dev.embedgate.call;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

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

    /** This clock as a {@link Clock} for libraries that take one (the circuit breaker's open duration). */
    default Clock asClock() {
        CallClock calls = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochSecond(0, calls.nanoTime());
            }
        };
    }

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

        @Override
        public Clock asClock() {
            return Clock.systemUTC();
        }
    };
}
