package dev.embedgate.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.embedgate.call.Priority;
import dev.embedgate.error.OverloadedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's admission, batching and failure handling, seen through its own seam: a runner that records
 * each batch it is given and answers each text with a one-element vector holding the text's id.
 */
class BatchSchedulerTest {

    private static final long PATIENCE_SECONDS = 10;

    private final RecordingRunner runner = new RecordingRunner();
    private BatchScheduler<long[]> scheduler;

    @AfterEach
    void closeScheduler() {
        runner.release();
        if (scheduler != null) {
            scheduler.close();
        }
    }

    @Test
    void refusesARequestThatDoesNotFitTheQueueAtOnceAndQueuesNoneOfIt() throws Exception {
        scheduler = start(1, 1000, 4);
        var first = scheduler.submit(List.of(text(1, 5)), Priority.ONLINE);
        runner.awaitFirstBatch();
        var second = scheduler.submit(List.of(text(2, 5), text(3, 5)), Priority.ONLINE);

        long startNanos = System.nanoTime();
        assertThatThrownBy(() -> scheduler.submit(List.of(text(4, 5), text(5, 5)), Priority.ONLINE))
                .isInstanceOf(OverloadedException.class);
        assertThat(System.nanoTime() - startNanos).as("refusal time").isLessThan(TimeUnit.SECONDS.toNanos(1));
        // The refused request took no room: the last free slot is still there, and then none is.
        var third = scheduler.submit(List.of(text(6, 5)), Priority.ONLINE);
        assertThatThrownBy(() -> scheduler.submit(List.of(text(7, 5)), Priority.ONLINE)).isInstanceOf(OverloadedException.class);

        runner.release();
        await(first, second, third);
        assertThat(runner.seenIds()).containsExactlyInAnyOrder(1L, 2L, 3L, 6L);
        // Completed texts give their room back.
        await(scheduler.submit(List.of(text(8, 5), text(9, 5), text(10, 5), text(11, 5)), Priority.ONLINE));
    }

    @Test
    void refusesARequestLargerThanTheWholeQueue() {
        scheduler = start(8, 1000, 4);

        assertThatThrownBy(() -> scheduler.submit(texts(1, 5, 5), Priority.ONLINE)).isInstanceOf(OverloadedException.class);
        assertThat(runner.batches).isEmpty();
    }

    @Test
    void dropsTextsWhoseCallerCancelledAndFreesTheirRoom() throws Exception {
        scheduler = start(8, 1000, 4);
        var first = scheduler.submit(List.of(text(1, 5)), Priority.ONLINE);
        runner.awaitFirstBatch();
        var waiting = scheduler.submit(List.of(text(2, 5), text(3, 5), text(4, 5)), Priority.ONLINE);

        waiting.get(1).cancel(false);
        var afterCancel = scheduler.submit(List.of(text(5, 5)), Priority.ONLINE);
        runner.release();

        await(first, afterCancel, List.of(waiting.get(0), waiting.get(2)));
        assertThat(runner.seenIds()).containsExactlyInAnyOrder(1L, 2L, 4L, 5L);
    }

    @Test
    void batchesStayWithinMaxBatchSizeAndMaxBatchTokens() throws Exception {
        int maxBatchSize = 4;
        int maxBatchTokens = 64;
        scheduler = start(maxBatchSize, maxBatchTokens, 1000);
        var blocker = scheduler.submit(List.of(text(0, 1)), Priority.ONLINE);
        runner.awaitFirstBatch();
        var random = new Random(7);
        var idOfFuture = new IdentityHashMap<CompletableFuture<float[]>, Long>();
        for (long firstId = 1; firstId <= 60; firstId += 5) {
            var request = new ArrayList<long[]>();
            for (long id = firstId; id < firstId + 5; id++) {
                request.add(text(id, 1 + random.nextInt(40)));
            }
            List<CompletableFuture<float[]>> futures = scheduler.submit(request, Priority.ONLINE);
            for (int i = 0; i < futures.size(); i++) {
                idOfFuture.put(futures.get(i), firstId + i);
            }
        }
        // Longer than the token budget on its own: it must still be served, alone.
        idOfFuture.put(scheduler.submit(List.of(text(100, 100)), Priority.ONLINE).getFirst(), 100L);
        runner.release();

        await(blocker);
        for (var entry : idOfFuture.entrySet()) {
            // Every caller gets its own text's vector back, wherever its text landed in a batch.
            assertThat(entry.getKey().get(PATIENCE_SECONDS, TimeUnit.SECONDS)[0]).isEqualTo((float) entry.getValue());
        }
        for (List<long[]> batch : runner.batches) {
            int longest = batch.stream().mapToInt(ids -> ids.length).max().orElseThrow();
            assertThat(batch.size()).isLessThanOrEqualTo(maxBatchSize);
            if (batch.size() > 1) {
                assertThat(batch.size() * longest).as("padded tokens").isLessThanOrEqualTo(maxBatchTokens);
            }
        }
        assertThat(runner.batches).as("some batches hold several texts").anyMatch(batch -> batch.size() > 1);
        assertThat(runner.seenIds()).doesNotHaveDuplicates().hasSize(62);
    }

    @Test
    void theOldestWaitingTextIsAlwaysInTheNextBatch() throws Exception {
        scheduler = start(4, 200, 1000);
        var blocker = scheduler.submit(List.of(text(0, 1)), Priority.ONLINE);
        runner.awaitFirstBatch();
        // Mostly short texts with some long ones among them: packing by length alone would leave the long ones last.
        var random = new Random(11);
        var futures = new ArrayList<CompletableFuture<float[]>>();
        for (int id = 1; id <= 40; id++) {
            futures.addAll(scheduler.submit(List.of(text(id, random.nextInt(5) == 0 ? 150 : 2 + random.nextInt(10))), Priority.ONLINE));
        }
        runner.release();
        await(blocker, futures);

        var waiting = new TreeSet<Long>();
        for (long id = 1; id <= 40; id++) {
            waiting.add(id);
        }
        for (int batch = 1; batch < runner.batches.size(); batch++) {
            List<Long> ids = runner.batches.get(batch).stream().map(text -> text[0]).toList();
            assertThat(ids).as("batch %d holds the oldest waiting text", batch).contains(waiting.first());
            ids.forEach(waiting::remove);
        }
        assertThat(waiting).isEmpty();
    }

    @Test
    void aFailingBatchFailsOnlyItsOwnTextsAndTheWorkerServesLaterOnes() throws Exception {
        scheduler = start(4, 1000, 100);
        var blocker = scheduler.submit(List.of(text(0, 5)), Priority.ONLINE);
        runner.awaitFirstBatch();
        runner.failBatchesWith(13);
        var failing = scheduler.submit(List.of(text(13, 5), text(14, 5)), Priority.ONLINE);
        runner.release();
        await(blocker);

        for (var future : failing) {
            assertThatThrownBy(() -> future.get(PATIENCE_SECONDS, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().hasMessage("inference failed for text 13");
        }
        await(scheduler.submit(List.of(text(15, 5), text(16, 7)), Priority.ONLINE));
        assertThat(runner.seenIds()).contains(15L, 16L);
    }

    @Test
    void onlineTextsAreBatchedBeforeBackgroundTextsQueuedEarlier() throws Exception {
        scheduler = start(1, 1000, 100);
        var blocker = scheduler.submit(List.of(text(0, 5)), Priority.ONLINE);
        runner.awaitFirstBatch();
        var background = scheduler.submit(texts(1, 5, 5), Priority.BACKGROUND);
        var online = scheduler.submit(List.of(text(10, 5), text(11, 5)), Priority.ONLINE);
        runner.release();

        await(blocker);
        await(online);
        await(background);
        assertThat(runner.seenIds()).containsExactly(0L, 10L, 11L, 1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void backgroundTextsHoldAtMostTheirShareOfTheQueueSoOnlineTextsFindRoom() throws Exception {
        scheduler = new BatchScheduler<>("test", runner, ids -> ids.length, new InferenceSettings(1, 1, 4, 1000, 10, InferenceSettings.DEFAULT_QUEUE_TOKENS, 0.5));
        var blocker = scheduler.submit(List.of(text(0, 5)), Priority.ONLINE);
        runner.awaitFirstBatch();

        var background = scheduler.submit(texts(1, 5, 5), Priority.BACKGROUND);
        assertThatThrownBy(() -> scheduler.submit(List.of(text(6, 5)), Priority.BACKGROUND))
                .isInstanceOf(OverloadedException.class).hasMessageContaining("share");
        var online = scheduler.submit(texts(20, 4, 5), Priority.ONLINE);
        runner.release();

        await(blocker);
        await(online);
        await(background);
    }

    @Test
    void backgroundBatchesHoldAtMostTheirShareOfTheWorkers() throws Exception {
        scheduler = new BatchScheduler<>("test", runner, ids -> ids.length, new InferenceSettings(2, 1, 1, 1000, 100, InferenceSettings.DEFAULT_QUEUE_TOKENS, 0.5));
        var background = scheduler.submit(texts(1, 3, 5), Priority.BACKGROUND);
        runner.awaitFirstBatch();
        var online = scheduler.submit(List.of(text(10, 5)), Priority.ONLINE);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (runner.batches.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }

        // Worker one runs background text 1; worker two waited for online work rather than take text 2.
        assertThat(runner.seenIds()).containsExactly(1L, 10L);
        runner.release();
        await(online);
        await(background);
    }

    @Test
    void aOneTextCallWaitsForAboutOneBatchNotForTheLargeCallsAheadOfIt() throws Exception {
        // Batches of up to 2 texts / 64 tokens: each 40-text call is a bulk call, the one-text call a small one, and
        // too long (40 tokens) to be packed into the bulk calls' batches of 7-token texts.
        scheduler = start(2, 64, 1000);
        var blocker = scheduler.submit(List.of(text(0, 5)), Priority.ONLINE);
        runner.awaitFirstBatch();
        var large = scheduler.submit(texts(1, 40, 7), Priority.ONLINE);
        var larger = scheduler.submit(texts(200, 40, 8), Priority.ONLINE);
        var small = scheduler.submit(List.of(text(100, 40)), Priority.ONLINE);
        runner.release();
        await(blocker, large, larger, small);

        // Batch 0 is the blocker; batch 1 is a bulk call's turn; then the small call's line has its turn.
        assertThat(indexOfBatchHolding(100)).isLessThanOrEqualTo(2);
        // The two bulk calls took turns too: the second did not wait for all of the first.
        assertThat(indexOfBatchHolding(200)).isLessThan(indexOfBatchHolding(40));
    }

    @Test
    void aStreamOfSmallCallsLeavesBulkWorkEveryOtherTurn() throws Exception {
        scheduler = start(1, 20, 1000);
        var blocker = scheduler.submit(List.of(text(0, 5)), Priority.ONLINE);
        runner.awaitFirstBatch();
        var bulk = scheduler.submit(texts(1, 10, 7), Priority.ONLINE);
        var smalls = new ArrayList<CompletableFuture<float[]>>();
        for (long id = 100; id < 120; id++) {
            smalls.addAll(scheduler.submit(List.of(text(id, 7)), Priority.ONLINE));
        }
        runner.release();
        await(blocker, bulk, smalls);

        // 20 small calls waited; the bulk call's 10 texts still ran within the first 21 batches after the blocker.
        assertThat(indexOfBatchHolding(10)).isLessThanOrEqualTo(21);
    }

    @Test
    void admissionCountsTokensAndKeepsAQuarterOfThemForSmallCalls() throws Exception {
        // 64 tokens of queue; calls larger than one batch (16 tokens) may hold 48 of them.
        scheduler = new BatchScheduler<>("test", runner, ids -> ids.length, new InferenceSettings(1, 1, 4, 16, 1000, 64, 0.5));
        var blocker = scheduler.submit(List.of(text(0, 1)), Priority.ONLINE);
        runner.awaitFirstBatch();

        var bulk = scheduler.submit(texts(1, 4, 10), Priority.ONLINE);
        assertThatThrownBy(() -> scheduler.submit(texts(10, 2, 10), Priority.ONLINE))
                .isInstanceOf(OverloadedException.class).hasMessageContaining("large requests")
                .satisfies(e -> assertThat(((OverloadedException) e).retryAfter())
                        .isBetween(Duration.ofSeconds(1), Duration.ofSeconds(30)));
        var small = scheduler.submit(List.of(text(20, 10)), Priority.ONLINE);
        assertThatThrownBy(() -> scheduler.submit(List.of(text(21, 14)), Priority.ONLINE))
                .isInstanceOf(OverloadedException.class).hasMessageContaining("64 tokens");
        runner.release();

        await(blocker, bulk, small);
        assertThat(runner.seenIds()).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 20L);
        // Done texts gave their tokens back.
        await(scheduler.submit(texts(30, 4, 10), Priority.ONLINE), scheduler.submit(List.of(text(40, 10)), Priority.ONLINE));
    }

    @Test
    void aCallOfManyShortTextsIsBulkAndLeavesTextRoomForSmallCalls() throws Exception {
        // 12 texts of queue: calls of more texts than one batch (2) may hold 9 of them, whatever their tokens.
        scheduler = new BatchScheduler<>("test", runner, ids -> ids.length, new InferenceSettings(1, 1, 2, 512, 12, 4096, 0.5));
        var blocker = scheduler.submit(List.of(text(0, 1)), Priority.ONLINE);
        runner.awaitFirstBatch();

        var bulk = scheduler.submit(texts(1, 6, 2), Priority.ONLINE);
        assertThatThrownBy(() -> scheduler.submit(texts(10, 4, 2), Priority.ONLINE))
                .isInstanceOf(OverloadedException.class).hasMessageContaining("large requests");
        var small = scheduler.submit(List.of(text(20, 2)), Priority.ONLINE);
        runner.release();

        await(blocker, bulk, small);
    }

    @Test
    void aCallLargerThanTheWholeTokenQueueRunsWhenNothingElseWaits() throws Exception {
        scheduler = new BatchScheduler<>("test", runner, ids -> ids.length, new InferenceSettings(1, 1, 4, 16, 1000, 64, 0.5));
        runner.release();

        await(scheduler.submit(texts(1, 10, 10), Priority.ONLINE));
        assertThat(runner.seenIds()).hasSize(10);
    }

    @Test
    void aShortTextIsNotPaddedUpToAFarLongerOne() throws Exception {
        scheduler = start(4, 1000, 1000);
        var blocker = scheduler.submit(List.of(text(0, 5)), Priority.ONLINE);
        runner.awaitFirstBatch();
        var shortText = scheduler.submit(List.of(text(1, 4)), Priority.ONLINE);
        var longText = scheduler.submit(List.of(text(2, 200)), Priority.ONLINE);
        runner.release();
        await(blocker, shortText, longText);

        assertThat(indexOfBatchHolding(1)).isNotEqualTo(indexOfBatchHolding(2));
    }

    private int indexOfBatchHolding(long id) {
        synchronized (runner.batches) {
            for (int i = 0; i < runner.batches.size(); i++) {
                if (runner.batches.get(i).stream().anyMatch(text -> text[0] == id)) {
                    return i;
                }
            }
        }
        throw new AssertionError("no batch holds text " + id);
    }

    private BatchScheduler<long[]> start(int maxBatchSize, int maxBatchTokens, int queueCapacity) {
        return new BatchScheduler<>("test", runner, ids -> ids.length, new InferenceSettings(1, 1, maxBatchSize, maxBatchTokens, queueCapacity));
    }

    /** A text of the given length whose first token is its id. */
    private static long[] text(long id, int tokens) {
        long[] ids = new long[tokens];
        ids[0] = id;
        return ids;
    }

    private static List<long[]> texts(long firstId, int count, int tokens) {
        return Stream.iterate(firstId, id -> id + 1).limit(count).map(id -> text(id, tokens)).toList();
    }

    @SafeVarargs
    private static void await(List<CompletableFuture<float[]>>... requests) throws Exception {
        for (var request : requests) {
            for (var future : request) {
                future.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
            }
        }
    }

    /** Records batches; holds the worker at a gate until released; fails batches holding a chosen id. */
    private static final class RecordingRunner implements BatchScheduler.BatchRunner<long[]> {

        final List<List<long[]>> batches = Collections.synchronizedList(new ArrayList<>());
        private final CountDownLatch gate = new CountDownLatch(1);
        private final CountDownLatch firstBatch = new CountDownLatch(1);
        private volatile long failingId = -1;

        @Override
        public float[][] run(List<long[]> batch, boolean alone) throws Exception {
            batches.add(batch);
            firstBatch.countDown();
            if (!gate.await(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the runner");
            }
            float[][] vectors = new float[batch.size()][];
            for (int i = 0; i < batch.size(); i++) {
                if (batch.get(i)[0] == failingId) {
                    throw new IllegalStateException("inference failed for text " + failingId);
                }
                vectors[i] = new float[] {batch.get(i)[0]};
            }
            return vectors;
        }

        void awaitFirstBatch() throws InterruptedException {
            assertThat(firstBatch.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).as("worker took the first batch").isTrue();
        }

        void release() {
            gate.countDown();
        }

        void failBatchesWith(long id) {
            failingId = id;
        }

        List<Long> seenIds() {
            synchronized (batches) {
                return batches.stream().flatMap(List::stream).map(ids -> ids[0]).toList();
            }
        }
    }
}
