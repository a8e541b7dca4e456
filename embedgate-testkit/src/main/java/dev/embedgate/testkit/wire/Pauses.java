package dev.embedgate.testkit.wire;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Latency, hangs and cold-start waits, all cut short when the simulator closes. Thread-safe. */
public final class Pauses implements AutoCloseable {

    private final CountDownLatch closing = new CountDownLatch(1);

    /** Waits; false if the simulator closed first (the call should then go unanswered). */
    public boolean pause(long millis) {
        if (millis <= 0) {
            return closing.getCount() > 0;
        }
        try {
            return !closing.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        closing.countDown();
    }
}
