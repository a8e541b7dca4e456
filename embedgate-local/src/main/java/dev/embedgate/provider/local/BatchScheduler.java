package dev.embedgate.provider.local;

import dev.embedgate.call.Priority;
import dev.embedgate.error.OverloadedException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToIntFunction;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Dynamic batching for local inference, after Hugging Face TEI's router, with admission bounded in texts and in
 * tokens (a full queue refuses at once) and fair turns between callers.
 *
 * <p>Each {@link #submit} is one submission. Submissions take turns: every batch is built around the oldest
 * waiting text of the submission whose turn it is, then that submission goes to the back of its line. Submissions
 * that fit in one batch have a line of their own, served every other turn while bulk submissions wait: so a
 * one-text request that arrives behind bulk requests of thousands of texts waits for about one batch, not for
 * them, and a stream of single queries still leaves bulk work half the turns. A batch is filled with waiting texts
 * of similar length from any online submission, so that padding stays small.
 *
 * <p>Admission counts the texts and tokens waiting and running. Calls larger than one batch may fill at most
 * {@link QueueAdmission#BULK_SHARE} of either capacity; the rest is kept for small calls, so bulk work cannot lock single queries
 * out. Texts whose caller went away (future cancelled) give their room back at once and are never run.
 *
 * <p>Online texts come first: a batch is built around an online submission whenever one waits, from online
 * texts only. Background texts may hold at most their share of the queue and of the workers.
 *
 * <p>What it batches is the model's input for one result: a text's token ids for an embedding model, a tokenized
 * (query, document) pair for a cross-encoder; it only needs to know how many tokens each holds.
 *
 * @param <I> one input of the model
 */
final class BatchScheduler<I> implements AutoCloseable {

    /** A longer text joins a batch only while it at most doubles the batch's longest text (plus this slack). */
    private static final int PADDING_SLACK_TOKENS = 16;

    /** Runs one batch; returns one result (a vector, a row of logits) per input, in order. */
    @FunctionalInterface
    interface BatchRunner<I> {
        /** @param alone whether no other batch runs or waits, so that this one may use every core */
        float[][] run(List<I> batch, boolean alone) throws Exception;
    }

    /** One call's texts, waiting for their turns. */
    private static final class Submission {
        final boolean background;
        final ArrayDeque<Job> waiting = new ArrayDeque<>();

        Submission(boolean background) {
            this.background = background;
        }

        /** The oldest text still to run, dropping texts already taken or cancelled. */
        Job oldest() {
            while (!waiting.isEmpty() && !waiting.peekFirst().runnable()) {
                waiting.pollFirst();
            }
            return waiting.peekFirst();
        }
    }

    private static final class Job {
        /** An {@code I}; jobs are not generic so that the queues' plumbing stays plain. */
        final Object input;
        final int tokens;
        final CompletableFuture<float[]> result = new CompletableFuture<>();
        final Submission owner;
        boolean taken;

        Job(Object input, int tokens, Submission owner) {
            this.input = input;
            this.tokens = tokens;
            this.owner = owner;
        }

        int tokens() {
            return tokens;
        }

        boolean runnable() {
            return !taken && !result.isDone();
        }
    }

    /** A batch taken from the queue, whether it holds a background worker slot, and whether it runs alone. */
    private record Batch(List<Job> jobs, boolean background, boolean alone) {
        static final Batch NONE = new Batch(List.of(), false, false);

        Batch(List<Job> jobs, boolean background) {
            this(jobs, background, false);
        }

        Batch runningAlone() {
            return new Batch(jobs, background, true);
        }
    }

    private static final Comparator<Job> BY_LENGTH = Comparator.comparingInt(Job::tokens);

    private final BatchRunner<I> runner;
    private final ToIntFunction<? super I> tokensOf;
    private final InferenceSettings settings;
    private final QueueAdmission admission;
    private final LongAdder batches = new LongAdder();
    private final LongAdder batchedTexts = new LongAdder();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workAvailable = lock.newCondition();
    /** Submissions with texts waiting, in turn order. */
    /** Online calls that fit in one batch: an express line, served every other turn when both lines wait. */
    private final ArrayDeque<Submission> smallTurns = new ArrayDeque<>();
    private final ArrayDeque<Submission> bulkTurns = new ArrayDeque<>();
    private final ArrayDeque<Submission> backgroundTurns = new ArrayDeque<>();
    private boolean smallTurnNext = true;
    private final List<Thread> workers = new ArrayList<>();
    private int runningBackground;
    private int running;
    private boolean closed;

    /** @param tokensOf how many tokens an input holds (its unpadded length) */
    BatchScheduler(String name, BatchRunner<I> runner, ToIntFunction<? super I> tokensOf, InferenceSettings settings) {
        this.runner = runner;
        this.tokensOf = tokensOf;
        this.settings = settings;
        this.admission = new QueueAdmission(settings);
        for (int i = 0; i < settings.workers(); i++) {
            workers.add(Thread.ofPlatform().daemon().name("embedgate-infer-" + name + "-" + i).start(this::work));
        }
    }

    /**
     * Queues the texts as one submission; each future completes with its text's vector. Cancelling a future drops
     * its text if it has not run yet.
     *
     * @throws OverloadedException if the queue has no room for all of them (nothing is queued then)
     */
    List<CompletableFuture<float[]>> submit(List<? extends I> texts, Priority priority) {
        boolean background = priority == Priority.BACKGROUND;
        int[] lengths = new int[texts.size()];
        long tokens = 0;
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = tokensOf.applyAsInt(texts.get(i));
            tokens += lengths[i];
        }
        // Larger than one batch, in texts or in tokens: the call needs several batches.
        boolean bulk = texts.size() > settings.maxBatchSize() || tokens > settings.maxBatchTokens();
        var submission = new Submission(background);
        var futures = new ArrayList<CompletableFuture<float[]>>(texts.size());
        lock.lock();
        try {
            if (closed) {
                throw new CancellationException("the local model has been closed");
            }
            admission.admit(texts.size(), tokens, background, bulk);
            for (int i = 0; i < lengths.length; i++) {
                var job = new Job(texts.get(i), lengths[i], submission);
                job.result.whenComplete((vector, failure) -> admission.release(job.tokens(), background, bulk));
                submission.waiting.add(job);
                futures.add(job.result);
            }
            (background ? backgroundTurns : bulk ? bulkTurns : smallTurns).addLast(submission);
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
                boolean moreWaiting = nextInTurn(smallTurns) != null || nextInTurn(bulkTurns) != null
                        || nextInTurn(backgroundTurns) != null;
                if (moreWaiting) {
                    workAvailable.signal();
                } else if (running == 0 && !batch.background()) {
                    // Background work never takes more than its share of the cores, even alone.
                    batch = batch.runningAlone();
                }
                running++;
            } finally {
                lock.unlock();
            }
            run(batch);
            lock.lock();
            try {
                running--;
                if (batch.background()) {
                    runningBackground--;
                    workAvailable.signal();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    @SuppressWarnings("unchecked") // every job's input came in through submit as an I
    private void run(Batch taken) {
        List<Job> batch = taken.jobs();
        batches.increment();
        batchedTexts.add(batch.size());
        long start = System.nanoTime();
        try {
            float[][] vectors = runner.run(batch.stream().map(job -> (I) job.input).toList(), taken.alone());
            if (!taken.alone()) {
                admission.noteSpeed(batch.stream().mapToLong(Job::tokens).sum(), System.nanoTime() - start);
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result.complete(vectors[i]);
            }
        } catch (Throwable failure) {
            batch.forEach(job -> job.result.completeExceptionally(failure));
        }
    }

    /** Batches run so far, and the texts they held: their ratio is the mean batch size. */
    BatchCounts counts() {
        return new BatchCounts(batches.sum(), batchedTexts.sum());
    }

    /**
     * Picks the next batch and removes it from the queue; call under the lock. The batch is built around the next
     * online submission in turn, from online texts only, when one waits; else around the next background
     * submission if background batches hold fewer workers than their share; else there is nothing to run yet.
     */
    private Batch takeBatch() {
        ArrayDeque<Submission> line = onlineLine();
        if (line != null) {
            return new Batch(batchAround(nextInTurn(line), line, List.of(smallTurns, bulkTurns)), false);
        }
        if (runningBackground >= settings.backgroundWorkers()) {
            return Batch.NONE;
        }
        Submission background = nextInTurn(backgroundTurns);
        if (background == null) {
            return Batch.NONE;
        }
        runningBackground++;
        return new Batch(batchAround(background, backgroundTurns, List.of(backgroundTurns)), true);
    }

    /**
     * The online line whose turn it is: small calls and bulk calls alternate when both wait, so a single query waits
     * for about one batch, and a stream of single queries cannot starve bulk work.
     */
    private ArrayDeque<Submission> onlineLine() {
        boolean small = nextInTurn(smallTurns) != null;
        boolean bulk = nextInTurn(bulkTurns) != null;
        if (!small && !bulk) {
            return null;
        }
        ArrayDeque<Submission> line = small && (smallTurnNext || !bulk) ? smallTurns : bulkTurns;
        smallTurnNext = line == bulkTurns;
        return line;
    }

    /** The submission whose turn it is, dropping those with nothing left to run; null if none waits. */
    private static Submission nextInTurn(ArrayDeque<Submission> turns) {
        while (!turns.isEmpty()) {
            Submission first = turns.peekFirst();
            if (first.oldest() != null) {
                return first;
            }
            turns.pollFirst();
        }
        return null;
    }

    /**
     * The batch around {@code turn}'s oldest text, filled with the waiting texts of {@code fillFrom} closest to it in
     * length; its texts are marked taken, and {@code turn} goes to the back of its line.
     */
    private List<Job> batchAround(Submission turn, ArrayDeque<Submission> line, List<ArrayDeque<Submission>> fillFrom) {
        Job oldest = turn.oldest();
        line.pollFirst();
        line.addLast(turn);
        List<Job> candidates = settings.maxBatchSize() == 1 ? List.of(oldest) : waitingTexts(fillFrom);
        List<Job> batch = candidates.size() == 1 ? List.of(oldest) : packAround(oldest, candidates);
        batch.forEach(job -> job.taken = true);
        return batch;
    }

    private static List<Job> waitingTexts(List<ArrayDeque<Submission>> lines) {
        var waiting = new ArrayList<Job>();
        for (ArrayDeque<Submission> line : lines) {
            for (Submission submission : line) {
                for (Job job : submission.waiting) {
                    if (job.runnable()) {
                        waiting.add(job);
                    }
                }
            }
        }
        return waiting;
    }

    /** The texts of {@code candidates} (which hold {@code oldest}) packed around it within the batch limits. */
    private List<Job> packAround(Job oldest, List<Job> candidates) {
        List<Job> byLength = new ArrayList<>(candidates);
        byLength.sort(BY_LENGTH);
        int low = byLength.indexOf(oldest);
        int high = low + 1;
        int longest = oldest.tokens();
        while (high - low < settings.maxBatchSize()) {
            Job shorter = low > 0 ? byLength.get(low - 1) : null;
            Job longer = high < byLength.size() && byLength.get(high).tokens() <= 2 * longest + PADDING_SLACK_TOKENS
                    ? byLength.get(high) : null;
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
        return List.copyOf(byLength.subList(low, high));
    }

    @Override
    public void close() {
        var dropped = new ArrayList<Job>();
        lock.lock();
        try {
            closed = true;
            for (ArrayDeque<Submission> turns : List.of(smallTurns, bulkTurns, backgroundTurns)) {
                turns.forEach(submission -> dropped.addAll(submission.waiting));
                turns.clear();
            }
            workAvailable.signalAll();
        } finally {
            lock.unlock();
        }
        dropped.forEach(job -> job.result.cancel(false));
        // Wait for the running batches even when interrupted: the caller frees the ONNX session next, and freeing
        // it under a running batch crashes the JVM.
        boolean interrupted = false;
        for (Thread worker : workers) {
            while (worker.isAlive()) {
                try {
                    worker.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
