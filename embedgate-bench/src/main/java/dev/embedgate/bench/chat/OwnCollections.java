package dev.embedgate.bench.chat;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * The load generator's own garbage collections. A collection that stops this JVM while it measures holds up every
 * client at once: their streams' first tokens arrive late, and the next ones start together in a burst. Collecting
 * before a window leaves a young generation with room for the window's garbage, so that no collection of this JVM
 * falls inside it; {@link #since()} says whether one did anyway.
 */
final class OwnCollections {

    private final long countAtStart;

    private OwnCollections(long countAtStart) {
        this.countAtStart = countAtStart;
    }

    /** Collects now, then starts counting. */
    static OwnCollections collectThenCount() {
        System.gc();
        return new OwnCollections(count());
    }

    /** Collections of this JVM since {@link #collectThenCount()}. */
    long since() {
        return count() - countAtStart;
    }

    private static long count() {
        long count = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, collector.getCollectionCount());
        }
        return count;
    }
}
