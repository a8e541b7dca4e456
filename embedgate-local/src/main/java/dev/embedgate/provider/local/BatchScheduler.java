package dev.embedgate.provider.local;

import dev.embedgate.call.Priority;
import dev.embedgate.error.OverloadedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Dynamic batching for local inference, after Hugging Face TEI's router: admission is bounded (a full queue
 * refuses at once), and worker threads pack waiting texts into batches under a token budget, grouping texts of
 * similar length so that padding stays small. A batch always holds the oldest waiting text, so no caller
 * starves behind a stream of better-fitting ones. Texts whose caller went away (future cancelled) are dropped.
 *
 * <p>Online texts come first: a batch is built around the oldest online text whenever one waits, from online
 * texts only. Background texts may hold at most their share of the queue and of the workers, so an online
 * request always finds room in the queue and, at most one running batch later, a worker.
 */
final class BatchScheduler implements AutoCloseable {

    /** Runs one batch; returns one vector per input, in order. */
    @FunctionalInterface
    interface BatchRunner {
        float[][] run(List<long[]> batch) throws Exception;
    }

    private record Job(long[] ids, CompletableFuture<float[]> result, boolean background) {
        int tokens() {
            return ids.length;
        }
    }

    /** A batch taken from the queue, and whether it holds a background worker slot. */
    private record Batch(List<Job> jobs, boolean background) {
        static final Batch NONE = new Batch(List.of(), false);
    }

    private static final Comparator<Job> BY_LENGTH = Comparator.comparingInt(Job::tokens);

    private final BatchRunner runner;
    private final LongAdder batches = new LongAdder();
    private final LongAdder batchedTexts = new LongAdder();
    private final InferenceSettings settings;
    private final Semaphore admission;
    private final Semaphore backgroundAdmission;
    private int runningBackground;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workAvailable = lock.newCondition();
    private final List<Job> pending = new ArrayList<>();
    private final List<Thread> workers = new ArrayList<>();
    private boolean closed;

    BatchScheduler(String name, BatchRunner runner, InferenceSettings settings) {
        this.runner = runner;
        this.settings = settings;
        this.admission = new Semaphore(settings.queueCapacity());
        this.backgroundAdmission = new Semaphore(settings.backgroundQueueCapacity());
        for (int i = 0; i < settings.workers(); i++) {
            workers.add(Thread.ofPlatform().daemon().name("embedgate-infer-" + name + "-" + i).start(this::work));
        }
    }

    /**
     * Queues the texts; each future completes with its text's vector.
     *
     * @throws OverloadedException if the queue has no room for all of them (nothing is queued then)
     */
    List<CompletableFuture<float[]>> submit(List<long[]> texts, Priority priority) {
        boolean background = priority == Priority.BACKGROUND;
        if (background && !backgroundAdmission.tryAcquire(texts.size())) {
            throw new OverloadedException("background work holds its whole share of the local inference queue ("
                    + settings.backgroundQueueCapacity() + " texts); it waits for room");
        }
        if (!admission.tryAcquire(texts.size())) {
            if (background) {
                backgroundAdmission.release(texts.size());
            }
            throw new OverloadedException("the local inference queue is full (" + settings.queueCapacity()
                    + " texts); retry shortly or send fewer texts at once");
        }
        var futures = new ArrayList<CompletableFuture<float[]>>(texts.size());
        var jobs = new ArrayList<Job>(texts.size());
        for (long[] ids : texts) {
            var future = new CompletableFuture<float[]>();
            future.whenComplete((vector, failure) -> {
                admission.release();
                if (background) {
                    backgroundAdmission.release();
                }
            });
            futures.add(future);
            jobs.add(new Job(ids, future, background));
        }
        lock.lock();
        try {
            if (closed) {
                jobs.forEach(job -> job.result().cancel(false));
                throw new CancellationException("the local model has been closed");
            }
            pending.addAll(jobs);
            workAvailable.signal();
        } finally {
            lock.unlock();
        }
        return futures;
    }

    private void work() {
        while (true) {
            Batch batch;
            lock.lock();
            try {
                while (true) {
                    if (closed) {
                        return;
                    }
                    batch = takeBatch();
                    if (!batch.jobs().isEmpty()) {
                        break;
                    }
                    workAvailable.awaitUninterruptibly();
                }
                if (!pending.isEmpty()) {
                    workAvailable.signal();
                }
            } finally {
                lock.unlock();
            }
            run(batch.jobs());
            if (batch.background()) {
                lock.lock();
                try {
                    runningBackground--;
                    workAvailable.signal();
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    private void run(List<Job> batch) {
        batches.increment();
        batchedTexts.add(batch.size());
        try {
            float[][] vectors = runner.run(batch.stream().map(Job::ids).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(vectors[i]);
            }
        } catch (Throwable failure) {
            batch.forEach(job -> job.result().completeExceptionally(failure));
        }
    }

    /** Batches run so far, and the texts they held: their ratio is the mean batch size. */
    BatchCounts counts() {
        return new BatchCounts(batches.sum(), batchedTexts.sum());
    }

    /**
     * Picks the next batch and removes it from the queue; call under the lock. The batch is built around the oldest
     * online text, from online texts only, when one waits; else around the oldest background text if background
     * batches hold fewer workers than their share; else there is nothing to run yet.
     */
    private Batch takeBatch() {
        pending.removeIf(job -> job.result().isDone());
        Job oldestOnline = pending.stream().filter(job -> !job.background()).findFirst().orElse(null);
        if (oldestOnline != null) {
            return new Batch(batchAround(oldestOnline, pending.stream().filter(job -> !job.background()).toList()),
                    false);
        }
        if (pending.isEmpty() || runningBackground >= settings.backgroundWorkers()) {
            return Batch.NONE;
        }
        runningBackground++;
        return new Batch(batchAround(pending.getFirst(), pending), true);
    }

    /** The batch around {@code oldest} from {@code candidates} (which hold it), removed from the queue. */
    private List<Job> batchAround(Job oldest, List<Job> candidates) {
        if (settings.maxBatchSize() == 1 || candidates.size() == 1) {
            pending.remove(oldest);
            return List.of(oldest);
        }
        List<Job> byLength = new ArrayList<>(candidates);
        byLength.sort(BY_LENGTH);
        int low = indexOf(byLength, oldest);
        int high = low + 1;
        int longest = oldest.tokens();
        while (high - low < settings.maxBatchSize()) {
            Job shorter = low > 0 ? byLength.get(low - 1) : null;
            Job longer = high < byLength.size() ? byLength.get(high) : null;
            if (shorter == null && longer == null) {
                break;
            }
            int count = high - low;
            // Padding added by each choice: a shorter text pads itself up; a longer one pads everyone else.
            long shorterWaste = shorter == null ? Long.MAX_VALUE : longest - shorter.tokens();
            long longerWaste = longer == null ? Long.MAX_VALUE : (long) (longer.tokens() - longest) * count;
            boolean takeShorter = shorterWaste <= longerWaste;
            int newLongest = takeShorter ? longest : longer.tokens();
            if ((long) (count + 1) * newLongest > settings.maxBatchTokens()) {
                break;
            }
            longest = newLongest;
            if (takeShorter) {
                low--;
            } else {
                high++;
            }
        }
        List<Job> batch = List.copyOf(byLength.subList(low, high));
        Set<Job> taken = Collections.newSetFromMap(new IdentityHashMap<>());
        taken.addAll(batch);
        pending.removeIf(taken::contains);
        return batch;
    }

    private static int indexOf(List<Job> jobs, Job wanted) {
        for (int i = 0; i < jobs.size(); i++) {
            if (jobs.get(i) == wanted) {
                return i;
            }
        }
        throw new IllegalStateException("job not found");
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            pending.forEach(job -> job.result().cancel(false));
            pending.clear();
            workAvailable.signalAll();
        } finally {
            lock.unlock();
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
