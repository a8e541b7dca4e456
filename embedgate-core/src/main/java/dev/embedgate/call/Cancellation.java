package dev.embedgate.call;

import dev.embedgate.error.RequestCancelledException;
import java.util.function.Supplier;

/**
 * The cancellation of the request the current thread serves, for whoever notices that its caller went away (the HTTP
 * layer, when a client hangs up). It interrupts the request's thread only while that thread waits for providers
 * ({@link #interruptibly}): an interrupt elsewhere would land in a cache tier's or the ledger's I/O (a Redis
 * connection marked unhealthy, a database connection closed) and gain nothing. Provider work that would start after
 * the cancellation is refused at once. Without a cancellation open on the thread (the Java library, background
 * work), {@link #interruptibly} just runs the work.
 */
public final class Cancellation implements AutoCloseable {

    private static final ThreadLocal<Cancellation> CURRENT = new ThreadLocal<>();

    private final Thread owner;
    private boolean cancelled;
    private int waiting;

    private Cancellation(Thread owner) {
        this.owner = owner;
    }

    /** Opens the cancellation of the request the calling thread serves; close it on the same thread when done. */
    public static Cancellation open() {
        var cancellation = new Cancellation(Thread.currentThread());
        CURRENT.set(cancellation);
        return cancellation;
    }

    /** Cancels the request: its thread is interrupted if it waits for providers now, else when it next would. */
    public synchronized void cancel() {
        if (!cancelled) {
            cancelled = true;
            if (waiting > 0) {
                owner.interrupt();
            }
        }
    }

    /**
     * Runs provider work of the current thread's request, which a cancellation interrupts.
     *
     * @throws RequestCancelledException if the request was cancelled before the work began
     */
    public static <T> T interruptibly(Supplier<T> work) {
        Cancellation cancellation = CURRENT.get();
        if (cancellation == null) {
            return work.get();
        }
        cancellation.enter();
        try {
            return work.get();
        } finally {
            cancellation.exit();
        }
    }

    private synchronized void enter() {
        if (cancelled) {
            throw new RequestCancelledException("the request was cancelled: its caller went away", null);
        }
        waiting++;
    }

    /** Leaving the wait, an interrupt this cancellation caused is cleared, so that cache and ledger I/O run whole. */
    private synchronized void exit() {
        waiting--;
        if (cancelled && waiting == 0) {
            Thread.interrupted();
        }
    }

    @Override
    public void close() {
        CURRENT.remove();
    }
}
