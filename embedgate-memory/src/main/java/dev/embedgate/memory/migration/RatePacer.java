package dev.embedgate.memory.migration;

import dev.embedgate.limits.Quota;
import dev.embedgate.limits.RateLimit;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps a migration to its share of the target provider's limits in this instance: every quota's requests or tokens
 * are spaced evenly at {@code share × amount} per window, so that the rest stays free for online traffic (the
 * provider's own limiter, shared through Redis when configured, still caps all background work at its share).
 */
final class RatePacer {

    private final List<Quota> quotas;
    private final long[] nextFreeNanos;
    private final ReentrantLock lock = new ReentrantLock();

    RatePacer(RateLimit limit, double share) {
        this.quotas = limit.quotas().stream().map(quota -> quota.share(share)).toList();
        this.nextFreeNanos = new long[quotas.size()];
        long now = System.nanoTime();
        Arrays.fill(nextFreeNanos, now);
    }

    /** Whether {@link #acquire} needs the request's token count. */
    boolean countsTokens() {
        return quotas.stream().anyMatch(quota -> quota.unit() == Quota.Unit.TOKENS);
    }

    /** Waits until a request carrying {@code tokens} fits the share. */
    void acquire(long tokens) throws InterruptedException {
        if (quotas.isEmpty()) {
            return;
        }
        long waitUntil;
        lock.lock();
        try {
            long now = System.nanoTime();
            waitUntil = now;
            for (int i = 0; i < quotas.size(); i++) {
                waitUntil = Math.max(waitUntil, nextFreeNanos[i]);
            }
            for (int i = 0; i < quotas.size(); i++) {
                Quota quota = quotas.get(i);
                long units = quota.unit() == Quota.Unit.REQUESTS ? 1 : tokens;
                double nanosPerUnit = (double) quota.window().toNanos() / quota.amount();
                nextFreeNanos[i] = waitUntil + (long) (units * nanosPerUnit);
            }
        } finally {
            lock.unlock();
        }
        long wait = waitUntil - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
