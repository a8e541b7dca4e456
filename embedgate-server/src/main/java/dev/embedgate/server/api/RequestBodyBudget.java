package dev.embedgate.server.api;

import java.util.concurrent.Semaphore;

/**
 * The bytes of request bodies the server holds at once, all requests together. Every request runs on its own
 * virtual thread, so nothing else bounds how many large bodies (and the texts parsed from them) are in memory at
 * once; a request that finds the budget spent is refused with 429 before its body is read. Thread-safe.
 */
final class RequestBodyBudget {

    private static final int KIB = 1024;

    private final long capacityBytes;
    private final Semaphore kibibytes;

    RequestBodyBudget(long capacityBytes) {
        this.capacityBytes = capacityBytes;
        this.kibibytes = new Semaphore(permits(capacityBytes));
    }

    /**
     * Takes room for a body of this many bytes (at most the whole budget, so that any body the size limit allows fits
     * when nothing else is held), or nothing if there is not enough left.
     */
    boolean tryTake(long bytes) {
        return kibibytes.tryAcquire(permits(Math.min(bytes, capacityBytes)));
    }

    void giveBack(long bytes) {
        kibibytes.release(permits(Math.min(bytes, capacityBytes)));
    }

    /** Gives back the part of a hold of {@code fromBytes} beyond {@code toBytes}, as the hold's permits count it. */
    void shrink(long fromBytes, long toBytes) {
        kibibytes.release(permits(Math.min(fromBytes, capacityBytes)) - permits(Math.min(toBytes, capacityBytes)));
    }

    long capacityBytes() {
        return capacityBytes;
    }

    private static int permits(long bytes) {
        return (int) Math.min(Integer.MAX_VALUE, (bytes + KIB - 1) / KIB);
    }
}
