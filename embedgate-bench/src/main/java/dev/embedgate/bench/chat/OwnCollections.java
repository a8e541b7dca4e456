package dev.embedgate.bench.chat;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * The load generator's own garbage collections. A collection that stops this JVM while it measures holds up every
 * client at once: their streams' first tokens arrive late, and the next ones start together in a burst. Collecting at
 * the start of a turn, when only unmeasured streams are in flight, leaves a young generation with room for the turn's
 * garbage, so that no collection of this JVM falls inside its measured part; {@link #count()} tells whether one did.
 */
final class OwnCollections {

    private OwnCollections() {
    }

    static void collect() {
        System.gc();
    }

    /** Collections of this JVM so far. */
    static long count() {
        long count = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, collector.getCollectionCount());
        }
        return count;
    }
}
