package dev.embedgate.bench.chat;

import dev.embedgate.bench.server.Latencies;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * N concurrent streams against one endpoint: N clients, each on a virtual thread with its own keep-alive
 * {@link StreamConnection}, starting its next stream a random 0 to {@code maxPause} after the last one ended. Streams
 * started inside the measured window count; clients stop starting streams at its end and finish the one they read.
 */
final class StreamLoad {

    private StreamLoad() {
    }

    /**
     * What one window measured.
     *
     * @param tokens      text chunks of the measured streams
     * @param allTokens   text chunks of every stream of the run, warm-up included
     * @param firstError  why the first failed stream failed; null when none did
     */
    record Window(Latencies firstToken, Latencies gaps, long tokens, long allTokens, long errors, long notDone,
                  String firstError) {

        long streams() {
            return firstToken.count();
        }
    }

    /** One client's measurements. */
    private static final class Measured {
        long[] firstToken = new long[64];
        int streams;
        long[] gaps = new long[1024];
        int gapCount;
        long tokens;
        long allTokens;
        long errors;
        long notDone;
        String firstError;

        void add(StreamTiming timing) {
            if (streams == firstToken.length) {
                firstToken = Arrays.copyOf(firstToken, streams * 2);
            }
            firstToken[streams++] = timing.firstTokenNanos();
            if (gapCount + timing.gapsNanos().length > gaps.length) {
                gaps = Arrays.copyOf(gaps, Math.max(gaps.length * 2, gapCount + timing.gapsNanos().length));
            }
            System.arraycopy(timing.gapsNanos(), 0, gaps, gapCount, timing.gapsNanos().length);
            gapCount += timing.gapsNanos().length;
            tokens += timing.tokens();
            notDone += timing.done() ? 0 : 1;
        }
    }

    /** @param bodies client {@code c}'s stream {@code i} sends {@code bodies.get((c + i) % size)} */
    static Window run(URI endpoint, String apiKey, int streams, List<byte[]> bodies, Duration maxPause, Duration warmUp,
                      Duration window) {
        long start = System.nanoTime() + warmUp.toNanos();
        long end = start + window.toNanos();
        var clients = new ArrayList<Future<Measured>>(streams);
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < streams; c++) {
                int client = c;
                clients.add(threads.submit(() -> {
                    var measured = new Measured();
                    try (var connection = new StreamConnection(endpoint, apiKey)) {
                        for (int i = client; ; i++) {
                            if (maxPause.isPositive()) {
                                long pauseNanos = ThreadLocalRandom.current().nextLong(maxPause.toNanos());
                                Thread.sleep(Duration.ofNanos(pauseNanos));
                            }
                            long now = System.nanoTime();
                            if (now >= end) {
                                return measured;
                            }
                            try {
                                StreamTiming timing = connection.stream(bodies.get(i % bodies.size()));
                                measured.allTokens += timing.tokens();
                                if (now >= start) {
                                    measured.add(timing);
                                }
                            } catch (IOException e) {
                                measured.errors++;
                                if (measured.firstError == null) {
                                    measured.firstError = e.toString();
                                }
                            }
                        }
                    }
                }));
            }
            var firstToken = new ArrayList<long[]>();
            var gaps = new ArrayList<long[]>();
            long tokens = 0;
            long allTokens = 0;
            long errors = 0;
            long notDone = 0;
            String firstError = null;
            for (Future<Measured> future : clients) {
                Measured measured = future.get();
                firstToken.add(Arrays.copyOf(measured.firstToken, measured.streams));
                gaps.add(Arrays.copyOf(measured.gaps, measured.gapCount));
                tokens += measured.tokens;
                allTokens += measured.allTokens;
                errors += measured.errors;
                firstError = firstError != null ? firstError : measured.firstError;
                notDone += measured.notDone;
            }
            return new Window(new Latencies(joined(firstToken)), new Latencies(joined(gaps)), tokens, allTokens, errors,
                    notDone, firstError);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a stream client failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static long[] joined(List<long[]> parts) {
        return parts.stream().flatMapToLong(Arrays::stream).toArray();
    }
}
