package dev.embedgate.bench.report;

import dev.embedgate.bench.memory.IngestRow;
import dev.embedgate.bench.memory.LoadTime;
import dev.embedgate.bench.memory.MemoryBenchmark;
import dev.embedgate.bench.memory.MemoryPlan;
import dev.embedgate.bench.memory.MemoryResults;
import dev.embedgate.bench.memory.RecallRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The memory benchmark's section of docs/benchmarks.md: recall and queries/s over 100,000 vectors, and ingest. */
public final class MemoryReport {

    private final MarkdownWriter out = new MarkdownWriter();

    public String render(MachineInfo machine, RunInfo run, MemoryResults results) {
        MemoryPlan plan = results.plan();
        MemoryResults.Software software = results.software();
        out.header(String.format(Locale.ROOT, "Memory: recall over %,d vectors, and ingest", plan.baseVectors()),
                machine, run);
        out.line("- Load average (1 min): %.1f when the run started (other processes only), %.1f at the highest and "
                + "%.1f when it ended (its own clients and PostgreSQL's backends included)", software.loadBefore(),
                software.loadHighest(), software.loadAfter());
        out.line("- Lucene %s in the benchmark's JVM; PostgreSQL %s with pgvector %s on loopback (database `test`, a "
                + "fresh schema dropped afterwards); LangChain4j `langchain4j-pgvector` %s", software.lucene(),
                software.postgres(), software.pgvector(), software.langchain4j());
        out.line();
        vectors(results);
        recall(results);
        targets(results);
        sweep(results);
        loads(results);
        ingest(results);
        if (!results.notes().isEmpty()) {
            out.line("Not measured:");
            out.line();
            results.notes().forEach(note -> out.line("- %s", note));
        }
        return out.text();
    }

    private void vectors(MemoryResults results) {
        MemoryPlan plan = results.plan();
        out.line("**Vectors.** The %,d corpus texts (`corpus/debian-descriptions.jsonl`) embedded once with EmbedGate's "
                + "in-process all-MiniLM-L6-v2 (%d dimensions, unit length), then %,d stored vectors and %,d queries "
                + "derived from them, because uniform random vectors are a pathological worst case for HNSW: %s. The "
                + "ground truth is exact cosine similarity over all %,d stored vectors.", results.corpusTexts(),
                results.dimensions(), plan.baseVectors(), plan.queries(), MemoryBenchmark.recipe(), plan.baseVectors());
        out.line();
        out.line("**Systems**, every one built and searched with the same HNSW settings (m %d, ef_construction %d, "
                + "ef_search %d unless the sweep says otherwise), each asked for the %d nearest of a precomputed query "
                + "vector:", plan.settings().m(), plan.settings().efConstruction(), plan.settings().efSearch(), plan.k());
        out.line();
        out.line("- %s: `LuceneMemoryStore.nearest` (`MemoryStore` API, in-process);", MemoryBenchmark.LUCENE);
        out.line("- %s: `PgVectorMemoryStore.nearest` (`MemoryStore` API), opened as the server opens it: in the "
                + "operational database's pool (HikariCP, %d connections);", MemoryBenchmark.PGVECTOR, maxConcurrency(plan));
        out.line("- %s: the statement that store sends for one search (`set_config('hnsw.ef_search', …, true)` and "
                + "`hnsw.iterative_scan`, then its `SELECT` of the nearest rows joined to their memories: one round "
                + "trip, one implicit transaction), on the store's own table and index, over %d plain JDBC connections "
                + "opened up front, each with the statement prepared once; only the ids are read;",
                MemoryBenchmark.JDBC, maxConcurrency(plan));
        out.line("- %s: `search(EmbeddingSearchRequest)` on its own table in the same schema. Its builder offers "
                + "IVFFlat only, so the benchmark creates the HNSW index on its table with the same m and "
                + "ef_construction; its searches run outside a transaction, so `hnsw.ef_search` is set on each of its "
                + "connections when the pool (HikariCP, %d connections) opens them.", MemoryBenchmark.LANGCHAIN4J,
                maxConcurrency(plan));
        out.line();
        out.line("Recall@%d is measured over all %,d queries, one at a time. Queries/s: closed-loop clients (each sends "
                + "its next query when the last one answered) for %d s windows, %d round(s) in which the systems take "
                + "turns (every other round in reverse order); figures are medians over the rounds. The load "
                + "generator (and Lucene) share the machine's cores with PostgreSQL. %s",
                plan.k(), plan.queries(), plan.window().toSeconds(), plan.rounds(), MemoryBenchmark.vectorApi()
                        ? "The benchmark's JVM has the Vector API (`--add-modules jdk.incubator.vector`, as the "
                        + "`embedgate` launcher starts the server), which Lucene's distance computations use."
                        : "The benchmark's JVM lacks the Vector API (`--add-modules jdk.incubator.vector`), so Lucene "
                        + "computes distances without it, unlike the server started by the `embedgate` launcher.");
        out.line();
    }

    private void recall(MemoryResults results) {
        MemoryPlan plan = results.plan();
        out.line("### Recall and queries/s at the default settings");
        out.line();
        out.line("| system | recall@%d | %s |", plan.k(), plan.concurrencies().stream()
                .map(c -> "queries/s, " + clients(c)).collect(Collectors.joining(" | ")));
        out.line("|---|---:|%s", "---:|".repeat(plan.concurrencies().size()));
        for (RecallRow row : results.atDefault()) {
            out.line("| %s | %.4f | %s |", row.system(), row.recall(), rates(row));
        }
        out.line();
        out.line("Equal settings are not equal work: the Lucene store's index held %d segments once loaded, and Lucene "
                + "searches each segment's graph with efSearch candidates and merges the answers, where pgvector "
                + "searches one graph. At the same efSearch, Lucene therefore considers more candidates per query, "
                + "which is part of its higher recall; the sweep below compares the stores at equal recall.",
                results.luceneSegments());
        out.line();
    }

    private void targets(MemoryResults results) {
        MemoryPlan plan = results.plan();
        out.line("### Targets (issue #11)");
        out.line();
        out.line("| target | measured | met |");
        out.line("|---|---:|---|");
        for (String store : List.of(MemoryBenchmark.LUCENE, MemoryBenchmark.PGVECTOR)) {
            RecallRow row = results.atDefault(store);
            if (row != null) {
                out.line("| %s: recall@10 >= %.2f at the default settings | %.4f | %s |", store, Targets.MIN_RECALL_AT_10,
                        row.recall(), MarkdownWriter.met(row.recall() >= Targets.MIN_RECALL_AT_10));
            }
        }
        RecallRow embedGate = results.atDefault(MemoryBenchmark.PGVECTOR);
        RecallRow jdbc = results.atDefault(MemoryBenchmark.JDBC);
        RecallRow langChain4j = results.atDefault(MemoryBenchmark.LANGCHAIN4J);
        for (int c = 0; c < plan.concurrencies().size(); c++) {
            String clients = clients(plan.concurrencies().get(c));
            if (embedGate != null && jdbc != null) {
                double share = embedGate.queriesPerSecond().get(c) / jdbc.queriesPerSecond().get(c);
                out.line("| pgvector store >= %.1f of raw JDBC's queries/s, %s | %.2f | %s |", Targets.MIN_JDBC_SHARE,
                        clients, share, MarkdownWriter.met(share >= Targets.MIN_JDBC_SHARE));
            }
            if (embedGate != null && langChain4j != null) {
                double ratio = embedGate.queriesPerSecond().get(c) / langChain4j.queriesPerSecond().get(c);
                out.line("| pgvector store ahead of LangChain4j's queries/s, %s | %.2fx | %s |", clients, ratio,
                        MarkdownWriter.met(ratio > 1));
            }
        }
        out.line();
    }

    private void sweep(MemoryResults results) {
        if (results.sweep().isEmpty()) {
            return;
        }
        MemoryPlan plan = results.plan();
        out.line("### efSearch sweep");
        out.line();
        out.line("The same graphs searched with other `efSearch` values (one round of %d s windows each; the default's "
                + "row repeats the table above).", plan.sweepWindow().toSeconds());
        out.line();
        out.line("| efSearch | system | recall@%d | %s |", plan.k(), plan.concurrencies().stream()
                .map(c -> "queries/s, " + clients(c)).collect(Collectors.joining(" | ")));
        out.line("|---:|---|---:|%s", "---:|".repeat(plan.concurrencies().size()));
        List<RecallRow> rows = new ArrayList<>(results.sweep());
        rows.addAll(results.atDefault());
        rows.sort(Comparator.comparingInt(RecallRow::efSearch));
        for (RecallRow row : rows) {
            out.line("| %d | %s | %.4f | %s |", row.efSearch(), row.system(), row.recall(), rates(row));
        }
        out.line();
    }

    private void loads(MemoryResults results) {
        out.line("### Loading the %,d vectors", results.plan().baseVectors());
        out.line();
        out.line("EmbedGate's stores take them through `save` and `putVectors`, %d memories per call (a short text "
                + "each), and keep their HNSW graphs up to date as they store; the store is then closed (Lucene waits "
                + "for its background merges). LangChain4j takes them through `addAll`, %d per call; then the "
                + "benchmark runs `CREATE INDEX … USING hnsw` on its table (with `maintenance_work_mem` 1 GB, as "
                + "pgvector advises for a build). Not a target; it says what building each index costs.",
                results.plan().loadBatch(), results.plan().loadBatch());
        out.line();
        out.line("| system | storing s | afterwards s | total s | vectors/s |");
        out.line("|---|---:|---|---:|---:|");
        for (LoadTime load : results.loads()) {
            String afterwards = String.format(Locale.ROOT, "%.1f (%s)", load.finishSeconds(),
                    load.system().equals(MemoryBenchmark.LANGCHAIN4J) ? "building the index" : "closing");
            out.line("| %s | %.1f | %s | %.1f | %,.0f |", load.system(), load.storeSeconds(), afterwards,
                    load.totalSeconds(), load.vectors() / load.totalSeconds());
        }
        out.line();
    }

    private void ingest(MemoryResults results) {
        if (results.ingest().isEmpty()) {
            return;
        }
        out.line("### Ingest: the corpus as memories");
        out.line();
        out.line("The corpus texts saved as memories into an empty store, %d per request or call, one after the other. "
                + "Over HTTP: `POST /v1/memories` to the server jar (`java %s -jar embedgate.jar serve`, the "
                + "launcher's JVM options, its own process, an empty data folder or schema), which stores each batch, "
                + "embeds it with the local all-MiniLM-L6-v2 and stores the vectors before it answers (the benchmark "
                + "checks every memory comes back `embedded`). Store only: `save` then `putVectors` with the vectors "
                + "computed beforehand, in the benchmark's JVM.", results.plan().ingestBatch(),
                String.join(" ", MemoryBenchmark.SERVER_JVM_OPTIONS));
        out.line();
        out.line("| store | path | memories | s | memories/s |");
        out.line("|---|---|---:|---:|---:|");
        for (IngestRow row : results.ingest()) {
            out.line("| %s | %s | %,d | %.1f | **%,.0f** |", row.store(), row.path(), row.memories(), row.seconds(),
                    row.memoriesPerSecond());
        }
        out.line();
    }

    private static String rates(RecallRow row) {
        return row.queriesPerSecond().stream().map(rate -> String.format(Locale.ROOT, "%,.0f", rate)).collect(Collectors.joining(" | "));
    }

    private static String clients(int concurrency) {
        return concurrency == 1 ? "1 client" : concurrency + " clients";
    }

    private static int maxConcurrency(MemoryPlan plan) {
        return plan.concurrencies().stream().mapToInt(Integer::intValue).max().orElseThrow();
    }
}
