package dev.embedgate.bench.server;

import dev.embedgate.bench.corpus.Corpus;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the server as a separate process and measures it from the outside: memory when idle, a bulk corpus
 * over HTTP, then closed-loop latency runs with one short text per request, and the same texts batched.
 */
public final class ServerBenchmark {

    private final ServerPlan plan;
    private final PrintStream progress;

    public ServerBenchmark(ServerPlan plan, PrintStream progress) {
        this.plan = plan;
        this.progress = progress;
    }

    public ServerResults run(Corpus bulkTexts, Corpus fullCorpus) throws IOException, InterruptedException {
        List<String> shortTexts = fullCorpus.shortTexts();
        if (shortTexts.size() < plan.batchTexts()) {
            throw new IllegalStateException("the corpus has only " + shortTexts.size() + " short texts");
        }
        try (var server = ServerProcess.start(plan.launcher(), plan.log())) {
            var client = new EmbeddingsClient(server.baseUri(), plan.model());
            Duration ready = server.awaitReady(client::ready, plan.readyTimeout());
            progress.printf("server   ready in %.1f s at %s (its output goes to %s)%n", ready.toMillis() / 1e3, server.baseUri(), server.log());
            // Let start-up work (JIT, class loading, GC of the loading garbage) settle before reading idle memory.
            Thread.sleep(Duration.ofSeconds(2));
            ResidentMemory idle = server.memory();
            progress.printf("server   idle: %.0f MB resident%n", idle.residentMegabytes());

            var feed = new HttpBulkFeed(client);
            EmbeddingsReply probe = feed.probe(shortTexts);
            double shortTokens = (double) probe.promptTokens() / shortTexts.size();
            HttpBulkFeed.Result bulk = feed.send(bulkTexts.strings(), plan.bulkRequestSize(), plan.bulkInFlight());
            ResidentMemory afterBulk = server.memory();
            progress.printf("server   bulk over HTTP: %d texts %.1f texts/s; %.0f MB resident (peak %.0f MB)%n",
                    bulk.texts(), bulk.textsPerSecond(), afterBulk.residentMegabytes(), afterBulk.peakMegabytes());

            var generator = new LoadGenerator(client);
            List<byte[]> singleBodies = shortTexts.stream().map(text -> client.body(List.of(text))).toList();
            var single = new ArrayList<LoadResult>();
            for (int concurrency : plan.concurrencies()) {
                LoadResult result = generator.run(concurrency, singleBodies, 1, plan.warmUp(), plan.measure());
                single.add(result);
                progress.printf("server   %2d client(s) x 1 text: %7.1f req/s p50 %6.1f ms p99 %6.1f ms (%d errors)%n",
                        concurrency, result.requestsPerSecond(), result.p50Millis(), result.p99Millis(), result.errors());
            }
            LoadResult batchedClients = single.stream().filter(r -> r.concurrency() == plan.batchTexts()).findFirst()
                    .orElseGet(() -> generator.run(plan.batchTexts(), singleBodies, 1, plan.warmUp(), plan.measure()));
            LoadResult batched = generator.run(1, batchBodies(client, shortTexts), plan.batchTexts(), plan.warmUp(), plan.measure());
            progress.printf("server    1 client x %d texts: %7.1f texts/s p50 %6.1f ms (%d errors)%n",
                    plan.batchTexts(), batched.textsPerSecond(), batched.p50Millis(), batched.errors());
            ResidentMemory atEnd = server.memory();
            return new ServerResults(plan, shortTexts.size(), shortTokens, ready, idle, bulk, afterBulk, atEnd,
                    single, batched, batchedClients);
        }
    }

    /** Consecutive groups of short texts, so the batched run embeds the same texts as the single-text runs. */
    private List<byte[]> batchBodies(EmbeddingsClient client, List<String> shortTexts) {
        var bodies = new ArrayList<byte[]>();
        for (int from = 0; from + plan.batchTexts() <= shortTexts.size(); from += plan.batchTexts()) {
            bodies.add(client.body(shortTexts.subList(from, from + plan.batchTexts())));
        }
        return bodies;
    }
}
