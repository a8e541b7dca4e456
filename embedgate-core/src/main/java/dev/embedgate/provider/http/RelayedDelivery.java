package dev.embedgate.provider.http;

import java.util.concurrent.CompletableFuture;

/**
 * What a listener that accepts relayed delivery ({@link StreamListener#relayable}) needs to know while it runs on a
 * {@link StreamRelay} thread, which many streams share: it must not wait there. A write it could not finish at once
 * is reported with {@link #pending}; the stream then goes back to its own thread, which waits for the write before it
 * delivers the next event.
 */
public final class RelayedDelivery {

    private static final ThreadLocal<StreamRelay.Job> CURRENT = new ThreadLocal<>();

    private RelayedDelivery() {
    }

    /** Whether the calling thread is delivering a relayed event, so must not wait. */
    public static boolean active() {
        return CURRENT.get() != null;
    }

    /** The event being delivered left a write unfinished: the stream's own thread waits for it. */
    public static void pending(CompletableFuture<?> write) {
        StreamRelay.Job job = CURRENT.get();
        if (job == null) {
            throw new IllegalStateException("no relayed delivery on this thread");
        }
        job.pendingWrite(write);
    }

    /** Whether the relayed event being delivered left a write unfinished: no further event may follow it here. */
    static boolean writePending() {
        StreamRelay.Job job = CURRENT.get();
        return job != null && job.hasPendingWrite();
    }

    static void deliveringFor(StreamRelay.Job job) {
        CURRENT.set(job);
    }

    static void delivered() {
        // Set to null rather than removed: the relay's few threads live as long as the process, and a removed entry
        // would be made anew for every event.
        CURRENT.set(null);
    }
}
