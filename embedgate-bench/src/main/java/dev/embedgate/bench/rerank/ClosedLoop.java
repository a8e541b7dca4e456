package dev.embedgate.bench.rerank;

import dev.embedgate.bench.server.Latencies;
import dev.embedgate.bench.server.LoadTarget;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * N closed-loop clients (virtual threads) against one target, each sending its next request when the last is
 * answered, for a warm-up and then a measured window. Throughput counts the answers that arrive inside the window,
 * whenever their request started: a local ranker takes seconds per request, and counting only requests that both
 * start and end inside the window would lose about one request per client at each edge. Latencies are those of the
 * answers counted.
 */
final class ClosedLoop {

    private ClosedLoop() {
    }

    /**
     * @param bodies request {@code i} of the run (numbered across all clients, from 0) gets {@code bodies.apply(i)};
     *               the numbering lets a caller hand out bodies that are never repeated
     */
    static WindowResult run(LoadTarget target, int concurrency, LongFunction<byte[]> bodies, Duration warmUp,
                            Duration window) {
        long start = System.nanoTime() + warmUp.toNanos();
        long end = start + window.toNanos();
        var next = new AtomicLong();
        var errors = new AtomicLong();
        var perClient = new ArrayList<Future<List<Long>>>();
        try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < concurrency; c++) {
                perClient.add(clients.submit(() -> {
                    var latencies = new ArrayList<Long>();
                    while (System.nanoTime() < end) {
                        byte[] body = bodies.apply(next.getAndIncrement());
                        long sent = System.nanoTime();
                        boolean ok = ok(target, body);
                        long answered = System.nanoTime();
                        if (!ok) {
                            errors.incrementAndGet();
                        } else if (answered >= start && answered < end) {
                            latencies.add(answered - sent);
                        }
                    }
                    return latencies;
                }));
            }
            long[] all = new long[0];
            for (Future<List<Long>> client : perClient) {
                long[] values = client.get().stream().mapToLong(Long::longValue).toArray();
                long[] joined = new long[all.length + values.length];
                System.arraycopy(all, 0, joined, 0, all.length);
                System.arraycopy(values, 0, joined, all.length, values.length);
                all = joined;
            }
            return new WindowResult(concurrency, window.toNanos() / 1e9, new Latencies(all), errors.get(), next.get());
        } catch (ExecutionException e) {
            throw new IllegalStateException("a load client failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static boolean ok(LoadTarget target, byte[] body) throws InterruptedException {
        try {
            return target.exchange(body) == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * One measured window.
     *
     * @param seconds   its length
     * @param latencies of every request answered (200) inside it
     * @param errors    requests that failed or were not answered 200, warm-up included
     * @param sent      requests sent over the whole run, warm-up included
     */
    record WindowResult(int concurrency, double seconds, Latencies latencies, long errors, long sent) {

        double requestsPerSecond() {
            return latencies.count() / seconds;
        }
    }
}
