package dev.embedgate.memory;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The pause of a background loop between its passes, which ends early when someone has work for it
 * ({@link #wakeUp()}); a wake-up that comes while the loop is busy ends its next pause at once. Thread-safe.
 */
public final class WakeableWait {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private boolean woken;

    /** Ends the pause under way, or else the next one. */
    public void wakeUp() {
        lock.lock();
        try {
            woken = true;
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code duration}, less when woken. */
    public void pause(Duration duration) throws InterruptedException {
        lock.lock();
        try {
            long nanos = duration.toNanos();
            while (!woken && nanos > 0) {
                nanos = wake.awaitNanos(nanos);
            }
            woken = false;
        } finally {
            lock.unlock();
        }
    }
}
