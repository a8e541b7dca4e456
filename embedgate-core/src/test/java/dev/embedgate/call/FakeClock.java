package dev.embedgate.call;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A call clock that only moves when told to, or when someone sleeps on it: hours pass in no time. */
public final class FakeClock implements CallClock {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicLong slept = new AtomicLong();

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public void sleep(Duration duration) {
        if (duration.isPositive()) {
            slept.addAndGet(duration.toNanos());
            nanos.addAndGet(duration.toNanos());
        }
    }

    public void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    /** Everything slept on this clock so far. */
    public Duration slept() {
        return Duration.ofNanos(slept.get());
    }
}
