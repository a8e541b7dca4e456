package dev.embedgate.call;

import dev.embedgate.provider.ProviderCallException.Kind;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One provider's failed calls (after their retries) in the log, at WARN, at most one line per interval: a provider
 * failing a thousand times a minute writes a line a minute, not a thousand. The first failure after a quiet
 * interval is written at once with what the provider said; the failures that follow within the interval are
 * counted by kind, and the first call after the interval, failed or served, writes them as one summary. Messages
 * are {@link ProviderFailure}'s, cleaned of credentials. Thread-safe; a served call costs a volatile read.
 */
final class FailureLog {

    private static final Logger log = LoggerFactory.getLogger(FailureLog.class);

    private final String provider;
    private final CallClock clock;
    private final long intervalNanos;
    private final ReentrantLock lock = new ReentrantLock();
    /** Failures not written yet, by kind; guarded by {@link #lock}, as are the two fields below. */
    private final Map<Kind, Integer> unwritten = new EnumMap<>(Kind.class);
    private ProviderFailure latest;
    private long lastLineNanos;
    /** Whether failures wait in {@link #unwritten}, and when they may be written: read by served calls. */
    private volatile boolean pending;
    private volatile long nextLineNanos = Long.MIN_VALUE;

    FailureLog(String provider, CallClock clock, Duration interval) {
        this.provider = provider;
        this.clock = clock;
        this.intervalNanos = interval.toNanos();
    }

    void failed(ProviderFailure failure) {
        String line;
        lock.lock();
        try {
            unwritten.merge(failure.kind(), 1, Integer::sum);
            latest = failure;
            long now = clock.nanoTime();
            if (now < nextLineNanos) {
                pending = true;
                return;
            }
            line = takeLine(now, "");
        } finally {
            lock.unlock();
        }
        log.warn(line);
    }

    void served() {
        if (!pending || clock.nanoTime() < nextLineNanos) {
            return;
        }
        String line;
        lock.lock();
        try {
            long now = clock.nanoTime();
            if (!pending || now < nextLineNanos) {
                return;
            }
            line = takeLine(now, "; calls are served again");
        } finally {
            lock.unlock();
        }
        log.warn(line);
    }

    /** The line for the failures not written yet, which are then written; under the lock. */
    private String takeLine(long now, String epilogue) {
        int count = unwritten.values().stream().mapToInt(Integer::intValue).sum();
        // More than one failure means one was held back, so a line was written before: lastLineNanos is set.
        String line = count == 1
                ? "provider '" + provider + "': a call failed: " + latest.kind().wireName() + ": " + latest.message()
                : "provider '" + provider + "': " + count + " calls failed in the last "
                        + Duration.ofNanos(now - lastLineNanos).toSeconds() + " s (" + byKind() + "); the last: "
                        + latest.kind().wireName() + ": " + latest.message();
        unwritten.clear();
        pending = false;
        lastLineNanos = now;
        nextLineNanos = now + intervalNanos;
        return line + epilogue;
    }

    private String byKind() {
        return unwritten.entrySet().stream().map(entry -> entry.getKey().wireName() + " " + entry.getValue())
                .collect(Collectors.joining(", "));
    }
}
