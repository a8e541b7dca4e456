package dev.embedgate.provider.http;

import dev.embedgate.provider.http.blocking.ChunkLines;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays the rest of streamed answers on a few selector threads, after their first event: a stream costs no thread
 * wake-up per event there, where a blocking read wakes the stream's own thread for every one. Only the ordinary case
 * is relayed: chunks of events read as they arrive, decoded and delivered to a listener that never waits. Anything
 * else goes back to the stream's own thread, with the bytes read and not yet used and where the chunk framing stood,
 * and its blocking reader carries on there as if it had read them itself: the body's last chunk (which ends the
 * exchange), the listener's last event or failure, a write the listener could not finish at once, a deadline less
 * than {@link #NEAR_DEADLINE_NANOS} away, a size line the relay does not read (chunk extensions, or one split between
 * reads), the end of the connection, or the stream's thread being interrupted. Thread-safe.
 */
final class StreamRelay {

    private static final Logger log = LoggerFactory.getLogger(StreamRelay.class);

    /** Deadlines nearer than this are kept by the stream's own reader, to the millisecond. */
    static final long NEAR_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How often each loop looks at its streams' deadlines. */
    private static final long SWEEP_MILLIS = 50;
    private static final int READ_BYTES = 16 * 1024;

    private static final class Shared {
        static final StreamRelay INSTANCE = new StreamRelay(Math.min(2, Runtime.getRuntime().availableProcessors()));
    }

    private final Loop[] loops;
    private final AtomicInteger next = new AtomicInteger();

    private StreamRelay(int loopCount) {
        loops = new Loop[loopCount];
        for (int i = 0; i < loopCount; i++) {
            loops[i] = new Loop("embedgate-stream-relay-" + (i + 1));
        }
    }

    /** The relay of the process, started at its first use. */
    static StreamRelay shared() {
        return Shared.INSTANCE;
    }

    /** Receives each run of body bytes; returns false when the relay must hand the stream back. */
    interface BodySink {
        boolean accept(ByteBuffer bytes) throws IOException;
    }

    /**
     * Where a relayed body was handed back: the bytes read past what was used, where the chunk framing stood, and
     * the listener's unfinished write, if any.
     */
    record HandBack(ByteBuffer unread, long leftInChunk, boolean chunkOpen, CompletableFuture<?> pendingWrite) {
    }

    /**
     * Relays the body from {@code channel}, which is between chunks with nothing read ahead, until it must be handed
     * back. The channel is switched to non-blocking mode here and back to blocking mode before the hand-back.
     *
     * @param chunkOpen         whether the chunk read last still needs its line end
     * @param nextDeadlineNanos when the next event must have arrived ({@link System#nanoTime()}), asked for on the
     *                          relay's thread
     */
    Job relay(SocketChannel channel, boolean chunkOpen, BodySink sink, LongSupplier nextDeadlineNanos)
            throws IOException {
        channel.configureBlocking(false);
        var job = new Job(channel, chunkOpen, sink, nextDeadlineNanos);
        loops[Math.floorMod(next.getAndIncrement(), loops.length)].add(job);
        return job;
    }

    /** One relayed body. */
    static final class Job {

        private final SocketChannel channel;
        private final BodySink sink;
        private final LongSupplier nextDeadlineNanos;
        private final CompletableFuture<HandBack> handedBack = new CompletableFuture<>();
        private volatile boolean interrupted;
        private Loop loop;
        private SelectionKey key;
        /** Bytes left of the chunk under way; 0 between chunks. */
        private long leftInChunk;
        private boolean chunkOpen;
        private CompletableFuture<?> pendingWrite;

        private Job(SocketChannel channel, boolean chunkOpen, BodySink sink, LongSupplier nextDeadlineNanos) {
            this.channel = channel;
            this.chunkOpen = chunkOpen;
            this.sink = sink;
            this.nextDeadlineNanos = nextDeadlineNanos;
        }

        /**
         * Waits for the hand-back. An interrupt asks the relay to hand back at once and is kept for the caller, whose
         * next blocking read then ends with it.
         *
         * @throws IOException the connection failed while relayed
         */
        HandBack await() throws IOException {
            boolean wasInterrupted = false;
            while (true) {
                try {
                    HandBack handBack = handedBack.get();
                    if (wasInterrupted) {
                        Thread.currentThread().interrupt();
                    }
                    return handBack;
                } catch (InterruptedException e) {
                    wasInterrupted = true;
                    interrupted = true;
                    loop.interruptRequested = true;
                    loop.selector.wakeup();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (wasInterrupted) {
                        Thread.currentThread().interrupt();
                    }
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw new IOException("the stream relay failed", e.getCause());
                }
            }
        }

        void pendingWrite(CompletableFuture<?> write) {
            pendingWrite = write;
        }

        boolean hasPendingWrite() {
            return pendingWrite != null;
        }

        /**
         * Reads and delivers what arrived.
         *
         * @return the unread bytes to hand back with, or null to go on relaying
         */
        private ByteBuffer readable(ByteBuffer read) throws IOException {
            while (true) {
                read.clear();
                int n = channel.read(read);
                if (n <= 0) {
                    // Nothing more for now, or the end of the connection, which the stream's reader reports as it
                    // always does.
                    return n == 0 ? null : read.flip();
                }
                read.flip();
                if (!decode(read)) {
                    return read;
                }
                if (n < read.capacity()) {
                    // The socket had no more. Reading on would cost a call that finds nothing; the selector tells
                    // when more arrives (or the connection ends).
                    return null;
                }
            }
        }

        /**
         * Decodes the chunk framing of {@code in}, delivering data.
         *
         * @return false to hand back, {@code in} at its first byte not used
         */
        private boolean decode(ByteBuffer in) throws IOException {
            while (in.hasRemaining()) {
                if (leftInChunk > 0) {
                    // The chunk's data are handed over in place, the buffer's limit at their end for the while.
                    int n = (int) Math.min(leftInChunk, in.remaining());
                    int limit = in.limit();
                    in.limit(in.position() + n);
                    leftInChunk -= n;
                    boolean more = deliver(in);
                    leftInChunk += in.remaining();
                    in.limit(limit);
                    if (!more) {
                        return false;
                    }
                } else if (chunkOpen) {
                    int lineEnd = ChunkLines.lineEndLength(in, in.position());
                    if (lineEnd == 0) {
                        return false;
                    }
                    in.position(in.position() + lineEnd);
                    chunkOpen = false;
                } else {
                    // The last chunk (size 0) ends the exchange and is left to the stream's own reader, as is any
                    // size line not read here.
                    int sizeLineStart = in.position();
                    long size = ChunkLines.sizeLine(in);
                    if (size <= 0) {
                        in.position(sizeLineStart);
                        return false;
                    }
                    leftInChunk = size;
                    chunkOpen = true;
                }
            }
            return true;
        }

        private boolean deliver(ByteBuffer data) throws IOException {
            RelayedDelivery.deliveringFor(this);
            try {
                return sink.accept(data) && pendingWrite == null;
            } finally {
                RelayedDelivery.delivered();
            }
        }

        private boolean deadlineNear(long nowNanos) {
            return nextDeadlineNanos.getAsLong() - nowNanos < NEAR_DEADLINE_NANOS;
        }
    }

    /** One selector thread and the streams it relays. */
    private static final class Loop {

        private final Selector selector;
        private final Queue<Job> added = new ConcurrentLinkedQueue<>();
        private final Set<Job> jobs = new HashSet<>();
        private final ByteBuffer read = ByteBuffer.allocateDirect(READ_BYTES);
        private final List<HandOver> handBacks = new ArrayList<>();
        private long lastSweepNanos = System.nanoTime();
        /** Set when a stream's thread was interrupted: its hand-back is not left to the next sweep. */
        private volatile boolean interruptRequested;

        private record HandOver(Job job, ByteBuffer unread, IOException failure) {
        }

        Loop(String name) {
            try {
                selector = Selector.open();
            } catch (IOException e) {
                throw new IllegalStateException("no selector for the stream relay", e);
            }
            Thread thread = new Thread(this::run, name);
            thread.setDaemon(true);
            thread.start();
        }

        void add(Job job) {
            job.loop = this;
            added.add(job);
            selector.wakeup();
        }

        private void run() {
            while (true) {
                try {
                    selector.select(this::ready, SWEEP_MILLIS);
                    for (Job job; (job = added.poll()) != null; ) {
                        register(job);
                    }
                    long now = System.nanoTime();
                    if (now - lastSweepNanos >= TimeUnit.MILLISECONDS.toNanos(SWEEP_MILLIS) || interruptRequested) {
                        lastSweepNanos = now;
                        interruptRequested = false;
                        for (Job job : jobs) {
                            if (job.interrupted || job.deadlineNear(now)) {
                                handBacks.add(new HandOver(job, null, null));
                            }
                        }
                    }
                    handBack();
                } catch (ClosedSelectorException e) {
                    return;
                } catch (IOException | RuntimeException | Error e) {
                    // Not expected: the streams it relayed fail as broken connections, and the loop goes on.
                    log.error("stream relay loop failed", e);
                    var failure = new IOException("the stream relay failed", e);
                    jobs.forEach(job -> job.handedBack.completeExceptionally(failure));
                    handBacks.forEach(handOver -> handOver.job.handedBack.completeExceptionally(failure));
                    jobs.clear();
                    handBacks.clear();
                }
            }
        }

        private void register(Job job) {
            try {
                job.key = job.channel.register(selector, SelectionKey.OP_READ, job);
                jobs.add(job);
            } catch (IOException e) {
                job.handedBack.completeExceptionally(e);
            }
        }

        private void ready(SelectionKey key) {
            Job job = (Job) key.attachment();
            if (!jobs.contains(job)) {
                return;
            }
            try {
                ByteBuffer unread = job.readable(read);
                if (unread != null) {
                    handBacks.add(new HandOver(job, copy(unread), null));
                }
            } catch (IOException e) {
                handBacks.add(new HandOver(job, null, e));
            } catch (RuntimeException e) {
                // The sink keeps its listener's failures for the stream's reader; anything else is the relay's.
                handBacks.add(new HandOver(job, null, new IOException("the stream relay failed", e)));
            }
        }

        /** Deregisters the streams to hand back, puts their channels back in blocking mode and wakes their readers. */
        private void handBack() throws IOException {
            if (handBacks.isEmpty()) {
                return;
            }
            for (HandOver handOver : handBacks) {
                if (jobs.remove(handOver.job) && handOver.job.key != null) {
                    handOver.job.key.cancel();
                }
            }
            // A cancelled key leaves the selector at its next selection; only then may the channel block again.
            selector.selectNow(key -> { });
            for (HandOver handOver : handBacks) {
                Job job = handOver.job;
                IOException failure = handOver.failure;
                if (failure == null) {
                    try {
                        job.channel.configureBlocking(true);
                    } catch (IOException e) {
                        failure = e;
                    }
                }
                if (failure != null) {
                    job.handedBack.completeExceptionally(failure);
                } else {
                    ByteBuffer unread = handOver.unread == null ? ByteBuffer.allocate(0) : handOver.unread;
                    job.handedBack.complete(new HandBack(unread, job.leftInChunk, job.chunkOpen, job.pendingWrite));
                }
            }
            handBacks.clear();
        }

        private static ByteBuffer copy(ByteBuffer unread) {
            ByteBuffer copy = ByteBuffer.allocate(unread.remaining());
            copy.put(unread).flip();
            return copy;
        }
    }
}
