package dev.embedgate.bench.overload;

import dev.embedgate.bench.providers.EmbedGateJar;
import dev.embedgate.bench.server.EmbeddingsClient;
import dev.embedgate.bench.server.Latencies;
import dev.embedgate.bench.server.LoadGenerator;
import dev.embedgate.bench.server.LoadResult;
import dev.embedgate.bench.server.ServerProcess;
import dev.embedgate.bench.server.StaticRouteClient;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Large valid requests against the server on its embedded default, EmbedGate as built against a baseline jar, side
 * by side: a lone client and 32 clients of short texts, short texts while large requests run, and the worst valid
 * mix (several requests at the size limit, abandoned by their clients) with its peak memory, health probes and the
 * time until a short text is served again.
 */
public final class OverloadBenchmark {

    /** A server to measure: a jar, and what the launcher of its day added to the environment. */
    public record BenchedSystem(String name, EmbedGateJar jar, Map<String, String> environment) {
    }

    private static final String UNCACHED = "cache: {enabled: false}\n";
    private static final String MODEL = "all-MiniLM-L6-v2";

    private final OverloadPlan plan;
    private final PrintStream progress;

    public OverloadBenchmark(OverloadPlan plan, PrintStream progress) {
        this.plan = plan;
        this.progress = progress;
    }

    public List<SystemRound> run(List<BenchedSystem> systems, List<String> shortTexts, List<String> words)
            throws IOException, InterruptedException {
        var rounds = new ArrayList<SystemRound>();
        for (int round = 0; round < plan.rounds(); round++) {
            List<BenchedSystem> order = new ArrayList<>(systems);
            if (round % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            for (BenchedSystem system : order) {
                SystemRound result = measure(system, round, shortTexts, words);
                rounds.add(result);
                progress.printf("overload round %d %-9s lone p50 %5.1f ms | 32 clients %6.1f texts/s | small beside large "
                                + "p50 %7.1f p99 %8.1f ms (n=%d) | worst mix peak %5.0f MB, /health max %7.1f ms, %s, "
                                + "recovery %8.1f ms%n", round + 1, system.name(), result.lone().p50Millis(),
                        result.busy().textsPerSecond(), result.smallBesideLarge().p50Millis(),
                        result.smallBesideLarge().p99Millis(), result.smallBesideLarge().count(), result.worstPeakMb(),
                        result.healthDuringWorst().maxMillis(), result.worstOutcome(), result.recoveryMillis());
            }
        }
        return rounds;
    }

    private SystemRound measure(BenchedSystem system, int round, List<String> shortTexts, List<String> words)
            throws IOException, InterruptedException {
        String name = system.name() + "-" + (round + 1);
        LoadResult floor;
        LoadResult lone;
        LoadResult busy;
        Latencies besideLarge;
        int[] large;
        try (ServerProcess server = system.jar().gateway(name, system.environment(), UNCACHED)) {
            var client = new EmbeddingsClient(server.baseUri(), MODEL);
            var generator = new LoadGenerator(client);
            List<byte[]> singles = shortTexts.stream().map(text -> client.body(List.of(text))).toList();
            floor = new LoadGenerator(new StaticRouteClient(server.baseUri().resolve("/health")))
                    .run(1, List.of(new byte[0]), 1, plan.warmUp(), plan.measure());
            lone = generator.run(1, singles, 1, plan.warmUp(), plan.measure());
            busy = generator.run(32, singles, 1, plan.warmUp(), plan.measure());
            large = new int[2];
            besideLarge = smallBesideLarge(server, client, singles, words, large);
        }
        try (ServerProcess server = system.jar().gateway(name + "-worst", system.environment(), UNCACHED)) {
            return worstMix(system.name(), server, new EmbeddingsClient(server.baseUri(), MODEL), shortTexts, words,
                    floor, lone, busy, besideLarge, large);
        }
    }

    /** One client's short texts, closed loop, while {@code largeClients} send large requests back to back. */
    private Latencies smallBesideLarge(ServerProcess server, EmbeddingsClient client, List<byte[]> singles,
                                       List<String> words, int[] largeOutcomes) throws InterruptedException {
        var stop = new AtomicBoolean();
        var answered = new AtomicInteger();
        var refused = new AtomicInteger();
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var senders = new ArrayList<Thread>();
        for (int c = 0; c < plan.largeClients(); c++) {
            int seed = c;
            senders.add(Thread.ofVirtual().start(() -> {
                for (int request = 0; !stop.get(); request++) {
                    byte[] body = client.body(texts(words, plan.largeTexts(), plan.largeChars(), seed * 1_000 + request));
                    int status = send(http, server.baseUri(), body, Duration.ofMinutes(5));
                    if (status == 200) {
                        answered.incrementAndGet();
                    } else if (status == 429) {
                        refused.incrementAndGet();
                        sleepQuietly(Duration.ofSeconds(1));
                    }
                }
            }));
        }
        Thread.sleep(plan.warmUp());
        var latencies = new ConcurrentLinkedQueue<Long>();
        long end = System.nanoTime() + plan.measure().toNanos() * 2;
        for (int i = 0; System.nanoTime() < end; i++) {
            long start = System.nanoTime();
            try {
                if (client.exchange(singles.get(i % singles.size())) == 200) {
                    latencies.add(System.nanoTime() - start);
                }
            } catch (IOException e) {
                // counted by its absence: the report gives the number of answered requests
            }
        }
        stop.set(true);
        largeOutcomes[0] = answered.get();
        largeOutcomes[1] = refused.get();
        http.shutdownNow();
        return new Latencies(latencies.stream().mapToLong(Long::longValue).toArray());
    }

    private SystemRound worstMix(String system, ServerProcess server, EmbeddingsClient client, List<String> shortTexts,
                                 List<String> words, LoadResult floor, LoadResult lone, LoadResult busy,
                                 Latencies besideLarge, int[] large)
            throws InterruptedException {
        var statuses = new ConcurrentLinkedQueue<String>();
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var clients = new ArrayList<Thread>();
        for (int c = 0; c < plan.worstClients(); c++) {
            byte[] body = client.body(texts(words, plan.worstTexts(), plan.worstChars(), 100_000 + c));
            clients.add(Thread.ofVirtual().start(() -> {
                int status = send(http, server.baseUri(), body, plan.giveUp());
                statuses.add(status == 0 ? "gave up" : Integer.toString(status));
            }));
        }
        var health = new ConcurrentLinkedQueue<Long>();
        var probe = new StaticRouteClient(server.baseUri().resolve("/health"));
        while (clients.stream().anyMatch(Thread::isAlive)) {
            long start = System.nanoTime();
            try {
                probe.exchange(null);
                health.add(System.nanoTime() - start);
            } catch (IOException e) {
                health.add(Long.MAX_VALUE);
            }
            Thread.sleep(100);
        }
        double peak = server.memory().peakMegabytes();
        long start = System.nanoTime();
        int status = send(http, server.baseUri(), client.body(List.of(shortTexts.getFirst())), plan.recoveryCap());
        double recovery = status == 200 ? (System.nanoTime() - start) / 1e6 : plan.recoveryCap().toMillis();
        http.shutdownNow();
        return new SystemRound(system, floor, lone, busy, besideLarge, large[0], large[1], peak,
                new Latencies(health.stream().mapToLong(Long::longValue).toArray()), summary(statuses), recovery);
    }

    private static String summary(ConcurrentLinkedQueue<String> statuses) {
        var counts = new java.util.TreeMap<String, Integer>();
        statuses.forEach(status -> counts.merge(status, 1, Integer::sum));
        var parts = new ArrayList<String>();
        counts.forEach((status, count) -> parts.add(count + "x " + status));
        return String.join(", ", parts);
    }

    /** POSTs the body; the status, or 0 when the client gave up (its timeout passed) or the connection failed. */
    private static int send(HttpClient http, URI base, byte[] body, Duration timeout) {
        var request = HttpRequest.newBuilder(base.resolve("/v1/embeddings")).timeout(timeout)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Distinct texts of about {@code chars} characters made of corpus words, so that no two requests share one. */
    static List<String> texts(List<String> words, int count, int chars, long seed) {
        var random = new Random(seed);
        var texts = new ArrayList<String>(count);
        for (int i = 0; i < count; i++) {
            var text = new StringBuilder(chars + 16).append(seed).append('-').append(i);
            while (text.length() < chars) {
                text.append(' ').append(words.get(random.nextInt(words.size())));
            }
            texts.add(text.substring(0, chars));
        }
        return texts;
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
