package dev.embedgate.testkit.chat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Writes the text chunks of streamed answers at their pace, every stream's from one platform thread, with Jetty's
 * non-blocking writes: a stream's own thread waits once for the whole answer instead of being woken for every chunk,
 * which, at hundreds of streams, cost the simulator more CPU per chunk than a gateway relaying them. A model server
 * batches the same way: one decoding step makes the next token of every answer under way. Chunks are due at fixed
 * times (the first's write, then every interval after it), so a late write does not push the rest back. Thread-safe.
 */
public final class TokenPacer implements AutoCloseable {

    /** How an answer's pacing ended. */
    public enum Outcome {
        /** Every chunk was written. */
        WRITTEN,
        /** The simulator closed first: the call should go unanswered. */
        CLOSED
    }

    /** Every pacer's thread is named so, then a number. */
    public static final String THREAD_NAME = "simulator-token-pacer";
    private static final AtomicInteger STARTED = new AtomicInteger();

    private final Queue<PacedStream> added = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<PacedStream> due = new PriorityQueue<>(Comparator.comparingLong(s -> s.dueNanos));
    private final Thread thread;
    private volatile boolean closed;

    public TokenPacer() {
        thread = new Thread(this::run, THREAD_NAME + "-" + STARTED.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Writes {@code chunks} to {@code response}, the first one interval from now and each next one an interval after
     * the one before it was due. The response must be committed, with nothing buffered in its servlet stream.
     *
     * @return how it ended; it fails when a write failed (the client went away)
     */
    public CompletableFuture<Outcome> pace(Response response, List<byte[]> chunks, long intervalNanos) {
        var stream = new PacedStream(response, chunks, intervalNanos, System.nanoTime() + intervalNanos);
        if (chunks.isEmpty()) {
            stream.ended.complete(Outcome.WRITTEN);
        } else {
            schedule(stream);
        }
        return stream.ended;
    }

    private void schedule(PacedStream stream) {
        added.add(stream);
        if (closed) {
            stream.ended.complete(Outcome.CLOSED);
        } else if (Thread.currentThread() != thread) {
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        while (!closed) {
            for (PacedStream stream; (stream = added.poll()) != null; ) {
                due.add(stream);
            }
            PacedStream next = due.peek();
            if (next == null) {
                LockSupport.park(this);
                continue;
            }
            long wait = next.dueNanos - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
                continue;
            }
            due.poll();
            next.writeNext();
        }
        var left = new ArrayList<>(due);
        left.addAll(added);
        left.forEach(stream -> stream.ended.complete(Outcome.CLOSED));
    }

    /** Ends every answer under way as {@link Outcome#CLOSED}, and the pacer's thread. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }

    /** One answer's chunks, written one at a time: the next is scheduled once the write before it completed. */
    private final class PacedStream implements Callback {

        private final Response response;
        private final List<byte[]> chunks;
        private final long intervalNanos;
        private final CompletableFuture<Outcome> ended = new CompletableFuture<>();
        private int written;
        private long dueNanos;

        PacedStream(Response response, List<byte[]> chunks, long intervalNanos, long dueNanos) {
            this.response = response;
            this.chunks = chunks;
            this.intervalNanos = intervalNanos;
            this.dueNanos = dueNanos;
        }

        void writeNext() {
            try {
                response.write(false, ByteBuffer.wrap(chunks.get(written)), this);
            } catch (RuntimeException e) {
                // A write refused outright fails this stream only; the pacer goes on with the others.
                failed(e);
            }
        }

        @Override
        public void succeeded() {
            written++;
            if (written == chunks.size()) {
                ended.complete(Outcome.WRITTEN);
            } else {
                dueNanos += intervalNanos;
                schedule(this);
            }
        }

        @Override
        public void failed(Throwable cause) {
            ended.completeExceptionally(cause);
        }
    }
}
