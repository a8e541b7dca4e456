package dev.embedgate.memory.migration;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each migration's recent rate, from its embedded total (kept in the store, so every instance's work counts) sampled
 * over the last minute.
 */
final class RateMeter {

    private static final long WINDOW_NANOS = 60_000_000_000L;

    private record Sample(long nanos, long embedded) {
    }

    private final Map<String, ArrayDeque<Sample>> samples = new ConcurrentHashMap<>();

    void sample(Migration migration) {
        ArrayDeque<Sample> window = samples.computeIfAbsent(migration.id(), id -> new ArrayDeque<>());
        synchronized (window) {
            long now = System.nanoTime();
            window.addLast(new Sample(now, migration.totals().embedded()));
            while (window.size() > 2 && now - window.peekFirst().nanos() > WINDOW_NANOS) {
                window.removeFirst();
            }
        }
    }

    /** Memories per second over the window, or null before two samples a moment apart. */
    Double perSecond(String migrationId) {
        ArrayDeque<Sample> window = samples.get(migrationId);
        if (window == null) {
            return null;
        }
        synchronized (window) {
            if (window.size() < 2) {
                return null;
            }
            Sample first = window.peekFirst();
            Sample last = window.peekLast();
            long nanos = last.nanos() - first.nanos();
            return nanos < 500_000_000L ? null : (last.embedded() - first.embedded()) * 1e9 / nanos;
        }
    }

    void forget(String migrationId) {
        samples.remove(migrationId);
    }
}
