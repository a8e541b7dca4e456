package dev.embedgate.bench.chat;

import dev.embedgate.bench.server.Latencies;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * N concurrent streams following a {@link TurnSchedule}: N clients, each on a virtual thread with a keep-alive
 * {@link StreamConnection} per target, starting its next stream a random 0 to {@code maxPause} after the last one
 * ended, to the target whose turn it then is. Clients stop starting streams when the schedule ends and finish the one
 * they read.
 */
final class StreamLoad {

    private StreamLoad() {
    }

    /** Where a target's streams go. */
    record Endpoint(URI uri, String apiKey) {
    }

    /** Told, on the thread that runs the load, when each turn starts and when its measured part starts and ends. */
    interface TurnWatcher {

        void turnStarts(int turn);

        void measuringStarts(int turn);

        void measuringEnds(int turn);
    }

    /**
     * What one turn measured.
     *
     * @param tokens     text chunks of the measured streams
     * @param overran    measured streams that ended after their turn did, in the next target's turn
     * @param firstError why the first failed stream failed; null when none did
     */
    record Turn(StreamTarget target, Latencies firstToken, Latencies gaps, long tokens, long errors, long notDone,
                long overran, String firstError) {

        /** Several turns (or several clients' parts of one) of one target as one. */
        static Turn together(StreamTarget target, List<Turn> parts) {
            return new Turn(target,
                    new Latencies(joined(parts.stream().map(part -> part.firstToken().sortedNanos()).toList())),
                    new Latencies(joined(parts.stream().map(part -> part.gaps().sortedNanos()).toList())),
                    parts.stream().mapToLong(Turn::tokens).sum(), parts.stream().mapToLong(Turn::errors).sum(),
                    parts.stream().mapToLong(Turn::notDone).sum(), parts.stream().mapToLong(Turn::overran).sum(),
                    parts.stream().map(Turn::firstError).filter(Objects::nonNull).findFirst().orElse(null));
        }

        long streams() {
            return firstToken.count();
        }
    }

    /** One client's measurements in one turn. */
    private static final class Measured {
        long[] firstToken = new long[16];
        int streams;
        long[] gaps = new long[512];
        int gapCount;
        long tokens;
        long errors;
        long notDone;
        long overran;
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

        void failed(IOException e) {
            errors++;
            if (firstError == null) {
                firstError = e.toString();
            }
        }

        Turn turn(StreamTarget target) {
            return new Turn(target, new Latencies(Arrays.copyOf(firstToken, streams)),
                    new Latencies(Arrays.copyOf(gaps, gapCount)), tokens, errors, notDone, overran, firstError);
        }
    }

    /**
     * Runs the schedule from now on and returns what each of its turns measured.
     *
     * @param bodies client {@code c}'s stream {@code i} sends {@code bodies.get((c + i) % size)}
     */
    static List<Turn> run(Map<StreamTarget, Endpoint> endpoints, int streams, List<byte[]> bodies, Duration maxPause,
                          TurnSchedule schedule, TurnWatcher watcher) {
        long start = System.nanoTime();
        var clients = new ArrayList<Future<Measured[]>>(streams);
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < streams; c++) {
                int client = c;
                clients.add(threads.submit(() -> client(endpoints, client, bodies, maxPause, schedule, start)));
            }
            for (int turn = 0; turn < schedule.turns().size(); turn++) {
                sleepUntil(start + schedule.startNanos(turn));
                watcher.turnStarts(turn);
                sleepUntil(start + schedule.measuredStartNanos(turn));
                watcher.measuringStarts(turn);
                sleepUntil(start + schedule.measuredEndNanos(turn));
                watcher.measuringEnds(turn);
            }
            var perClient = new ArrayList<Measured[]>(streams);
            for (Future<Measured[]> future : clients) {
                perClient.add(future.get());
            }
            var turns = new ArrayList<Turn>(schedule.turns().size());
            for (int turn = 0; turn < schedule.turns().size(); turn++) {
                StreamTarget target = schedule.turns().get(turn);
                int index = turn;
                turns.add(Turn.together(target, perClient.stream().map(client -> client[index])
                        .filter(Objects::nonNull).map(measured -> measured.turn(target)).toList()));
            }
            return turns;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a stream client failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Measured[] client(Map<StreamTarget, Endpoint> endpoints, int client, List<byte[]> bodies,
                                     Duration maxPause, TurnSchedule schedule, long start) throws InterruptedException {
        var measured = new Measured[schedule.turns().size()];
        var connections = new EnumMap<StreamTarget, StreamConnection>(StreamTarget.class);
        try {
            for (int i = client; ; i++) {
                if (maxPause.isPositive()) {
                    Thread.sleep(Duration.ofNanos(ThreadLocalRandom.current().nextLong(maxPause.toNanos())));
                }
                long elapsed = System.nanoTime() - start;
                int turn = schedule.turnAt(elapsed);
                if (turn == schedule.turns().size()) {
                    return measured;
                }
                StreamTarget target = schedule.turns().get(turn);
                Measured into = measured[turn] != null ? measured[turn] : (measured[turn] = new Measured());
                StreamConnection connection = connections.computeIfAbsent(target,
                        key -> new StreamConnection(endpoints.get(key).uri(), endpoints.get(key).apiKey()));
                try {
                    StreamTiming timing = connection.stream(bodies.get(i % bodies.size()));
                    if (schedule.measured(elapsed)) {
                        into.add(timing);
                        if (System.nanoTime() - start > schedule.startNanos(turn + 1)) {
                            into.overran++;
                        }
                    }
                } catch (IOException e) {
                    into.failed(e);
                }
            }
        } finally {
            connections.values().forEach(StreamConnection::close);
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Duration.ofNanos(left));
        }
    }

    private static long[] joined(List<long[]> parts) {
        return parts.stream().flatMapToLong(Arrays::stream).toArray();
    }
}
