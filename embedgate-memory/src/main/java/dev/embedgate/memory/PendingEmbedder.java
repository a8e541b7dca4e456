package dev.embedgate.memory;

import dev.embedgate.error.EmbedGateException;
import dev.embedgate.error.InvalidRequestException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background worker: embeds memories that have no vector in their namespace's active space yet (saved while its
 * providers could not serve, or given a degraded stand-in by a fallback), at background priority, so that online
 * requests keep precedence at every provider. It walks each active space's pending memories in order; when the
 * space's providers fail it backs off (doubling up to {@link MemorySettings#workerMaxBackoff()}) and tries again, so
 * pending memories are embedded, and stand-ins replaced, once the providers are back. One thread; a save that leaves
 * work wakes it.
 */
final class PendingEmbedder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PendingEmbedder.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

    private final MemoryStore store;
    private final SpaceEmbedder embedder;
    private final MemorySettings settings;
    private final WakeableWait idle = new WakeableWait();
    private final Thread thread;
    private volatile boolean closed;
    private volatile long embedded;

    PendingEmbedder(MemoryStore store, SpaceEmbedder embedder, MemorySettings settings) {
        this.store = store;
        this.embedder = embedder;
        this.settings = settings;
        this.thread = Thread.ofVirtual().name("memory-pending-embedder").unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** Asks for a pass now instead of at the end of the idle wait. */
    void wakeUp() {
        idle.wakeUp();
    }

    /** Memories this worker has embedded since it started. */
    long embedded() {
        return embedded;
    }

    private void run() {
        Duration firstBackoff = min(FIRST_BACKOFF, settings.workerMaxBackoff());
        Duration backoff = firstBackoff;
        while (!closed) {
            boolean failed = false;
            try {
                for (String space : store.activeSpaces()) {
                    failed |= !embedAllPending(space);
                }
            } catch (RuntimeException e) {
                LOG.warn("memory worker pass failed: {}", e.toString());
                failed = true;
            }
            if (failed) {
                sleep(backoff);
                backoff = min(backoff.multipliedBy(2), settings.workerMaxBackoff());
            } else {
                backoff = firstBackoff;
                sleep(settings.workerIdle());
            }
        }
    }

    /** Embeds the space's pending memories; false when its providers failed and some are left. */
    private boolean embedAllPending(String space) {
        PendingCursor cursor = null;
        while (!closed) {
            List<Memory> batch = store.pending(space, cursor, settings.workerBatch());
            if (batch.isEmpty()) {
                return true;
            }
            cursor = PendingCursor.after(batch.getLast());
            try {
                embedInto(space, batch);
            } catch (InvalidRequestException e) {
                embedOneByOne(space, batch);
            } catch (EmbedGateException e) {
                LOG.info("memory worker: space {} cannot embed now ({}); {} or more memories wait", space,
                        e.getClass().getSimpleName(), batch.size());
                return false;
            }
        }
        return true;
    }

    /** A memory the model refuses must not hold back the rest; it stays pending and is logged. */
    private void embedOneByOne(String space, List<Memory> batch) {
        for (Memory memory : batch) {
            try {
                embedInto(space, List.of(memory));
            } catch (InvalidRequestException e) {
                LOG.warn("memory worker: memory {} of namespace {} cannot be embedded in {}: {}", memory.id(),
                        memory.namespace(), space, e.getMessage());
            }
        }
    }

    private void embedInto(String space, List<Memory> batch) {
        SpaceEmbedder.SpaceVectors served = embedder.documentsLater(space, batch);
        store.addSpace(space, served.space().dimensions());
        embedded += store.putVectors(space, served.vectors());
    }

    private void sleep(Duration duration) {
        try {
            idle.pause(duration);
        } catch (InterruptedException e) {
            closed = true;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public void close() {
        closed = true;
        wakeUp();
        try {
            if (!thread.join(Duration.ofSeconds(10))) {
                thread.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.debug("memory worker stopped after embedding {} memories", embedded);
    }
}
