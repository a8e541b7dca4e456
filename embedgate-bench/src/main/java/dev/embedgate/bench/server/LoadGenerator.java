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
import java.util.concurrent.locks.LockSupport;

/**
 * Load against one or more servers' {@code /v1/embeddings}, in two shapes, each with a warm-up and then a
 * measured window:
 * <ul>
 *   <li>closed loop ({@link #run}): N clients (virtual threads), each sending its next request as soon as the
 *       previous one is answered; only requests that start and finish inside the window count, so the warm-up
 *       and the tail do not skew rates or latencies;</li>
 *   <li>open loop ({@link #atRate}): requests scheduled at a fixed arrival rate whatever the answers, each sent
 *       on its own virtual thread, its latency taken from its scheduled time.</li>
 * </ul>
 * With several targets, closed-loop client {@code c} sends to target {@code c % targets}; the open loop uses
 * the first target.
 */
public final class LoadGenerator {

    private final List<? extends LoadTarget> targets;

    public LoadGenerator(LoadTarget target) {
        this(List.of(target));
    }

    public LoadGenerator(List<? extends LoadTarget> targets) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no target to load");
        }
        this.targets = List.copyOf(targets);
    }

    /**
     * @param bodies          prepared request bodies; client {@code c} cycles through them starting at a different
     *                        offset from the others
     * @param textsPerRequest texts in each body
     */
    public LoadResult run(int concurrency, List<byte[]> bodies, int textsPerRequest, Duration warmUp, Duration measure) {
        return run(concurrency, bodies, textsPerRequest, MeasuredWindow.after(warmUp, measure));
    }

    /** As {@link #run(int, List, int, Duration, Duration)}, measuring and stopping as {@code window} says. */
    public LoadResult run(int concurrency, List<byte[]> bodies, int textsPerRequest, MeasuredWindow window) {
        var errors = new AtomicLong();
        var recorders = new ArrayList<LatencyRecorder>(concurrency);
        try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            var running = new ArrayList<Future<?>>(concurrency);
            for (int c = 0; c < concurrency; c++) {
                var recorder = new LatencyRecorder();
                recorders.add(recorder);
                LoadTarget target = targets.get(c % targets.size());
                int offset = (int) ((long) c * bodies.size() / concurrency);
                running.add(clients.submit(() -> {
                    loop(target, bodies, offset, recorder, errors, window);
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
        return new LoadResult(concurrency, textsPerRequest, window.seconds(), new Latencies(latencies), errors.get());
    }

    private static void loop(LoadTarget client, List<byte[]> bodies, int offset, LatencyRecorder recorder,
                             AtomicLong errors, MeasuredWindow window) throws InterruptedException {
        for (int i = offset; ; i++) {
            long start = System.nanoTime();
            if (window.over(start)) {
                return;
            }
            boolean ok = answersOk(client, bodies.get(i % bodies.size()));
            long end = System.nanoTime();
            if (!ok) {
                errors.incrementAndGet();
            } else if (window.contains(start, end)) {
                recorder.record(end - start);
            }
        }
    }

    /**
     * Sends {@code perSecond} requests a second to the first target, cycling through {@code bodies}, for the
     * warm-up and then the measured window, and waits for every answer. The sending thread sleeps until each
     * request's scheduled time; if it falls behind, the lateness counts in the requests' latencies.
     */
    public RateResult atRate(double perSecond, List<byte[]> bodies, Duration warmUp, Duration measure) {
        LoadTarget client = targets.getFirst();
        long intervalNanos = Math.round(1e9 / perSecond);
        long start = System.nanoTime() + 1_000_000;
        long measureStart = start + warmUp.toNanos();
        long measureEnd = measureStart + measure.toNanos();
        int requests = (int) ((measureEnd - start) / intervalNanos);
        // Per request: latency from its scheduled time, or -1 if it failed; and when its answer arrived.
        long[] latencyNanos = new long[requests];
        long[] answeredAt = new long[requests];
        try (var senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < requests; i++) {
                long scheduled = start + i * intervalNanos;
                for (long wait; (wait = scheduled - System.nanoTime()) > 0; ) {
                    LockSupport.parkNanos(wait);
                }
                int index = i;
                byte[] body = bodies.get(i % bodies.size());
                senders.execute(() -> {
                    boolean ok;
                    try {
                        ok = answersOk(client, body);
                    } catch (InterruptedException e) {
                        ok = false;
                    }
                    long end = System.nanoTime();
                    answeredAt[index] = end;
                    latencyNanos[index] = ok ? end - scheduled : -1;
                });
            }
        }
        var measured = new LatencyRecorder();
        long errors = 0;
        long answered = 0;
        for (int i = 0; i < requests; i++) {
            long scheduled = start + i * intervalNanos;
            boolean inWindow = scheduled >= measureStart && scheduled < measureEnd;
            if (latencyNanos[i] < 0) {
                errors += inWindow ? 1 : 0;
                continue;
            }
            if (inWindow) {
                measured.record(latencyNanos[i]);
            }
            if (answeredAt[i] >= measureStart && answeredAt[i] < measureEnd) {
                answered++;
            }
        }
        return new RateResult(perSecond, measure.toNanos() / 1e9, new Latencies(measured.values()), answered, errors,
                requests);
    }

    private static boolean answersOk(LoadTarget client, byte[] body) throws InterruptedException {
        try {
            return client.exchange(body) == 200;
        } catch (IOException e) {
            return false;
        }
    }
}
