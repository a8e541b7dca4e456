package dev.embedgate.bench.server;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load generator: N clients (virtual threads), each sending its next request as soon as the
 * previous one is answered, for a warm-up and then a measured window. Only requests that start and finish
 * inside the window count, so the warm-up and the tail do not skew rates or latencies.
 */
public final class LoadGenerator {

    private final EmbeddingsClient client;

    public LoadGenerator(EmbeddingsClient client) {
        this.client = client;
    }

    /**
     * @param bodies          prepared request bodies; client {@code c} cycles through them starting at a different
     *                        offset from the others
     * @param textsPerRequest texts in each body
     */
    public LoadResult run(int concurrency, List<byte[]> bodies, int textsPerRequest, Duration warmUp, Duration measure) {
        long measureStart = System.nanoTime() + warmUp.toNanos();
        long measureEnd = measureStart + measure.toNanos();
        var errors = new AtomicLong();
        var recorders = new ArrayList<LatencyRecorder>(concurrency);
        try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            var running = new ArrayList<Future<?>>(concurrency);
            for (int c = 0; c < concurrency; c++) {
                var recorder = new LatencyRecorder();
                recorders.add(recorder);
                int offset = (int) ((long) c * bodies.size() / concurrency);
                running.add(clients.submit(() -> {
                    loop(bodies, offset, recorder, errors, measureStart, measureEnd);
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a load client failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        long[] latencies = recorders.stream().map(LatencyRecorder::values).flatMapToLong(Arrays::stream).toArray();
        return new LoadResult(concurrency, textsPerRequest, measure.toNanos() / 1e9, latencies, errors.get());
    }

    private void loop(List<byte[]> bodies, int offset, LatencyRecorder recorder, AtomicLong errors,
                      long measureStart, long measureEnd) throws InterruptedException {
        for (int i = offset; ; i++) {
            long start = System.nanoTime();
            if (start >= measureEnd) {
                return;
            }
            boolean ok;
            try {
                ok = client.post(bodies.get(i % bodies.size())) == 200;
            } catch (IOException e) {
                ok = false;
            }
            long end = System.nanoTime();
            if (!ok) {
                errors.incrementAndGet();
            } else if (start >= measureStart && end <= measureEnd) {
                recorder.record(end - start);
            }
        }
    }
}
