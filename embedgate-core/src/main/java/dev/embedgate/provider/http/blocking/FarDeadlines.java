package dev.embedgate.provider.http.blocking;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps the far deadlines of reads ({@link DeadlineInput}): a read whose deadline is more than {@link #FAR_NANOS}
 * away (a streamed answer's next event, 30 s away by default) waits with no socket timeout, and one daemon thread
 * looks at such reads every {@link #SWEEP_NANOS} and closes the socket of any whose deadline has passed, which ends
 * the read. A virtual thread whose read has a timeout has a task scheduled and cancelled for each read, one per
 * relayed token (about a tenth of the gateway's CPU per token in short streaming runs, within their noise); this
 * costs a volatile write per read. A far deadline is so kept to within {@link #SWEEP_NANOS}; nearer ones are the
 * socket's. An input is watched from its first far read until its connection goes back to the pool or is closed,
 * so the sweeps look only at connections in use. The thread runs only while inputs are watched.
 */
final class FarDeadlines {

    static final long FAR_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final long SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private static final Set<DeadlineInput> WATCHED = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean SWEEPING = new AtomicBoolean();

    private FarDeadlines() {
    }

    /** Watches the input's far reads until {@link #unwatch}, or until its socket is closed. */
    static void watch(DeadlineInput input) {
        WATCHED.add(input);
        if (SWEEPING.compareAndSet(false, true)) {
            Thread.ofPlatform().daemon().name("embedgate-http-far-deadlines").start(FarDeadlines::sweep);
        }
    }

    static void unwatch(DeadlineInput input) {
        WATCHED.remove(input);
    }

    private static void sweep() {
        while (true) {
            LockSupport.parkNanos(SWEEP_NANOS);
            long now = System.nanoTime();
            WATCHED.removeIf(input -> input.expireIfPast(now));
            if (WATCHED.isEmpty()) {
                SWEEPING.set(false);
                // An input watched just now may have seen the thread still running: look once more.
                if (WATCHED.isEmpty() || !SWEEPING.compareAndSet(false, true)) {
                    return;
                }
            }
        }
    }
}
