package dev.embedgate.memory.lucene;

import java.util.Arrays;
import java.util.Collection;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Striped locks over memory keys, held by a write from reading a memory to making its new version durable and
 * visible, so that two writes to one memory (a vector arriving while its metadata is patched) never build on the same
 * old version. Writes to different memories rarely share a stripe and proceed side by side; a write of many memories
 * takes their stripes in ascending order, so writes never deadlock.
 */
final class KeyLocks {

    private final ReentrantLock[] stripes;

    KeyLocks(int stripeCount) {
        stripes = new ReentrantLock[stripeCount];
        for (int i = 0; i < stripeCount; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** Locks the stripes of these keys; closing the answer unlocks them. */
    Held lock(Collection<String> keys) {
        int[] indexes = keys.stream().mapToInt(this::stripeOf).sorted().distinct().toArray();
        return lockStripes(indexes);
    }

    /** Locks every stripe: no other write runs until it is closed. */
    Held lockAll() {
        int[] indexes = new int[stripes.length];
        Arrays.setAll(indexes, i -> i);
        return lockStripes(indexes);
    }

    private Held lockStripes(int[] indexes) {
        for (int index : indexes) {
            stripes[index].lock();
        }
        return () -> {
            for (int i = indexes.length - 1; i >= 0; i--) {
                stripes[indexes[i]].unlock();
            }
        };
    }

    private int stripeOf(String key) {
        return Math.floorMod(key.hashCode() * 0x9E3779B9, stripes.length);
    }

    /** Locks to release. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
