package dev.embedgate.memory.lucene;

import java.io.IOException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes writes durable with as few commits as possible: a writer that has handed its change to the index calls
 * {@link #awaitDurable}, which returns once a commit that began after the call has finished. Writers that arrive
 * while a commit runs wait for it to end and are then all served by one next commit, run by whichever of them comes
 * first; under contention a commit costs each writer a fraction of an fsync instead of a queue of them.
 *
 * <p>A failed commit is reported to the writer that ran it; the others try again with a commit of their own, and
 * meet the same failure if it lasts (the index writer closed). Thread-safe.
 */
final class GroupCommit {

    /** What one commit does: make everything handed to the index so far durable, and visible to searches. */
    @FunctionalInterface
    interface Action {
        void commit() throws IOException;
    }

    private final Action action;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition finished = lock.newCondition();
    private long started;
    private long completed;
    private boolean running;

    GroupCommit(Action action) {
        this.action = action;
    }

    /** Returns when every change made before this call is durable. */
    void awaitDurable() throws IOException {
        lock.lock();
        try {
            // The commit running now may have begun before the caller's change: only the next one counts.
            long needed = started + 1;
            while (completed < needed) {
                if (running) {
                    finished.awaitUninterruptibly();
                    continue;
                }
                running = true;
                long mine = ++started;
                boolean succeeded = false;
                lock.unlock();
                try {
                    action.commit();
                    succeeded = true;
                } finally {
                    lock.lock();
                    running = false;
                    if (succeeded) {
                        completed = mine;
                    } else {
                        // Not completed: the writers waiting for it start the next one themselves.
                        started = completed;
                    }
                    finished.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
