package dev.embedgate.bench.memory;

import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Queries a target the way a closed-loop client does: {@code concurrency} threads, each sending its next query as
 * soon as the last one answered, for a fixed window; and one pass over every query for recall@k.
 */
final class QueryLoad {

    private QueryLoad() {
    }

    /**
     * Every query once, one at a time; the mean share of each query's exact {@code k} nearest that the target found.
     */
    static double recall(RecallTarget target, float[][] queries, int[][] exact, int k) {
        long found = 0;
        for (int q = 0; q < queries.length; q++) {
            found += overlap(target.nearest(queries[q], k), exact[q], k);
        }
        return (double) found / ((long) queries.length * k);
    }

    /** Queries per second over a window of {@code windowMillis}, the queries taken in turn. */
    static double queriesPerSecond(RecallTarget target, float[][] queries, int k, int concurrency, long windowMillis) {
        var next = new AtomicInteger();
        var answered = new AtomicLong();
        var start = new CountDownLatch(1);
        long[] window = new long[2];
        try (var clients = Executors.newFixedThreadPool(concurrency)) {
            var running = new ArrayList<Future<?>>(concurrency);
            for (int c = 0; c < concurrency; c++) {
                running.add(clients.submit(() -> {
                    start.await();
                    while (System.nanoTime() < window[1]) {
                        target.nearest(queries[Math.floorMod(next.getAndIncrement(), queries.length)], k);
                        answered.incrementAndGet();
                    }
                    return null;
                }));
            }
            window[0] = System.nanoTime();
            window[1] = window[0] + windowMillis * 1_000_000;
            start.countDown();
            for (Future<?> client : running) {
                client.get();
            }
            return answered.get() / ((System.nanoTime() - window[0]) / 1e9);
        } catch (ExecutionException e) {
            throw new IllegalStateException(target.name() + " failed under load: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static int overlap(int[] found, int[] exact, int k) {
        int hits = 0;
        for (int i = 0; i < Math.min(k, found.length); i++) {
            for (int j = 0; j < k; j++) {
                if (found[i] == exact[j]) {
                    hits++;
                    break;
                }
            }
        }
        return hits;
    }
}
