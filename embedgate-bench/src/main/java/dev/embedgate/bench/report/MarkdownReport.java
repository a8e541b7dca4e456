package dev.embedgate.bench.report;

import dev.embedgate.bench.ProviderBenchOptions;
import dev.embedgate.bench.bulk.BulkCase;
import dev.embedgate.bench.bulk.BulkPlan;
import dev.embedgate.bench.bulk.BulkResults;
import dev.embedgate.bench.bulk.BulkRun;
import dev.embedgate.bench.bulk.BulkSystems;
import dev.embedgate.bench.bulk.MiniLmVariant;
import dev.embedgate.bench.bulk.VectorAgreement;
import dev.embedgate.bench.server.LoadResult;
import dev.embedgate.bench.server.ResidentMemory;
import dev.embedgate.bench.server.ServerResults;
import dev.embedgate.provider.local.InferenceSettings;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Renders the results of one run as the Markdown section of docs/benchmarks.md. */
public final class MarkdownReport {

    private static final int PEER_LENGTH = MiniLmVariant.LANGCHAIN4J_MAX_TOKENS;

    private final MarkdownWriter out = new MarkdownWriter();

    /**
     * @param bulk       null if the bulk benchmark did not run
     * @param server     null if the server benchmark did not run
     * @param serverNote why the server benchmark did not run (shown when {@code server} is null)
     */
    public String render(MachineInfo machine, RunInfo run, BulkResults bulk, ServerResults server, String serverNote) {
        out.header("Local provider and server: all-MiniLM-L6-v2", machine, run);
        line("- Libraries: %s", machine.versions());
        line();
        if (bulk != null) {
            bulk(bulk);
        }
        if (server != null) {
            server(server);
        } else {
            line("### Server");
            line();
            line("Not measured in this run: %s.", serverNote);
            line();
        }
        return out.text();
    }

    private void bulk(BulkResults results) {
        BulkPlan plan = results.plan();
        line("### Bulk embedding, in-process");
        line();
        line("Corpus: %d texts of `corpus/debian-descriptions.jsonl`. %s One unmeasured warm-up run of %d texts per case "
                        + "comes first; then the cases take turns, in reverse order every other round. Figures are medians "
                        + "of the %d measured runs, each run listed after them. Tokens are WordPiece tokens including "
                        + "[CLS] and [SEP], after truncation, as EmbedGate counts them; LangChain4j is credited with the "
                        + "same count for the same texts.",
                plan.corpusTexts(),
                plan.wholeCorpusPerRound()
                        ? "Every run embeds all of them."
                        : "Each measured round embeds a different interleaved slice (every " + ordinal(plan.rounds())
                                + " text, about " + plan.textsPerRun() + " texts), so the " + plan.rounds()
                                + " rounds together embed every text once per case, in a time that fits a routine run.",
                plan.warmUpTexts(), plan.rounds());
        line();
        line("- **EmbedGate**: `LocalOnnxProvider` with %s, fed as a bulk client would feed it: calls of %d texts "
                + "(at most the provider's limit per call), %d in flight (one virtual thread each), so tokenizing the "
                + "next call overlaps inference and the batcher has texts of similar length to group; a call the "
                + "queue refuses is retried after 100 ms.", settings(plan),
                Math.min(plan.requestSize(), InferenceSettings.MAX_TEXTS_PER_CALL), plan.inFlight());
        line("- **LangChain4j**: `AllMiniLmL6V2EmbeddingModel` and `AllMiniLmL6V2QuantizedEmbeddingModel`, one "
                + "`embedAll(List<TextSegment>)` per run, which embeds one text per ONNX call on the model's own executor "
                + "(its default: one thread per core). Its bundled tokenizer cuts texts at %d tokens, so it is measured "
                + "at %d only.", PEER_LENGTH, PEER_LENGTH);
        line();
        line("| model | max tokens | system | texts/s | tokens/s | texts/s per run | vs LangChain4j |");
        line("|---|---:|---|---:|---:|---|---:|");
        for (MiniLmVariant variant : plan.variants()) {
            bulkRow(results, variant, PEER_LENGTH, BulkCase.LANGCHAIN4J);
            bulkRow(results, variant, PEER_LENGTH, BulkCase.EMBEDGATE);
            bulkRow(results, variant, BulkSystems.EMBEDGATE_MAX_TOKENS, BulkCase.EMBEDGATE);
        }
        line();
        line("Targets at %d tokens (issue #2):", PEER_LENGTH);
        line();
        line("| target | measured | met |");
        line("|---|---:|---|");
        for (MiniLmVariant variant : plan.variants()) {
            double target = variant == MiniLmVariant.FP32 ? Targets.FP32_SPEEDUP : Targets.INT8_SPEEDUP;
            double speedup = results.speedup(variant);
            line("| %s: EmbedGate texts/s >= %.1fx LangChain4j's | %.2fx | %s |", variant.label(), target, speedup, met(speedup >= target));
        }
        for (MiniLmVariant variant : plan.variants()) {
            VectorAgreement agreement = results.agreement(variant);
            line("| %s: vectors equal LangChain4j's, min cosine >= %s over the %d texts of <= %d tokens | %.8f (`%s`) | %s |",
                    variant.label(), Targets.MIN_COSINE, agreement.compared(), PEER_LENGTH, agreement.minCosine(),
                    agreement.worstId(), met(agreement.compared() > 0 && agreement.minCosine() >= Targets.MIN_COSINE));
        }
        line();
    }

    private void bulkRow(BulkResults results, MiniLmVariant variant, int maxTokens, String system) {
        List<BulkRun> runs = results.runsOf(system, variant, maxTokens);
        if (runs.isEmpty()) {
            return;
        }
        String perRun = runs.stream().map(r -> String.format(Locale.ROOT, "%.1f", r.textsPerSecond())).collect(Collectors.joining(", "));
        String versus;
        if (maxTokens != PEER_LENGTH) {
            versus = "n/a (LangChain4j stops at " + PEER_LENGTH + ")";
        } else if (system.equals(BulkCase.LANGCHAIN4J)) {
            versus = "1.00x";
        } else {
            versus = String.format(Locale.ROOT, "**%.2fx**", results.speedup(variant));
        }
        line("| %s | %d | %s | %.1f | %,.0f | %s | %s |", variant.label(), maxTokens, system,
                results.medianTextsPerSecond(system, variant, maxTokens), results.medianTokensPerSecond(system, variant, maxTokens),
                perRun, versus);
    }

    private void server(ServerResults results) {
        line("### Server, over HTTP");
        line();
        line("`./embedgate serve --port P --config <cache: {enabled: false}> --data-dir <empty>`, the README's launcher "
                + "(the embedded default: local all-MiniLM-L6-v2; JVM options `"
                + ProviderBenchOptions.launcherJvmOptionsText() + "`), with the cache off so that every text reaches "
                + "the model, as its own process, ready "
                + "(`GET /ready` = 200) %.1f s after start. Load from a closed-loop generator in the benchmark's JVM "
                + "on the same machine (`java.net.http.HttpClient`, one virtual thread per client, each sending its next "
                + "request when the previous one is answered): %.0f s warm-up, then %.0f s measured per run. Short "
                + "texts: the %d corpus texts of 10 to 20 words (%.1f tokens on average), cycled through.",
                results.timeToReady().toMillis() / 1e3, results.plan().warmUp().toMillis() / 1e3,
                results.plan().measure().toMillis() / 1e3, results.shortTexts(), results.shortTextTokens());
        line();
        line("| clients | texts per request | requests/s | texts/s | p50 ms | p99 ms | requests | errors |");
        line("|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (LoadResult result : results.singleText()) {
            loadRow(result);
        }
        loadRow(results.batched());
        line();
        line("Dynamic batching: %d concurrent single-text clients embed %.1f texts/s; one client sending %d-text "
                        + "requests back to back embeds %.1f texts/s; ratio **%.2f** (1.00 would mean batching recovers all "
                        + "of a client-side batch's throughput).",
                results.batchedClients().concurrency(), results.batchedClients().textsPerSecond(), results.plan().batchTexts(),
                results.batched().textsPerSecond(), results.dynamicBatchingRatio());
        line();
        line("Bulk over HTTP: %d corpus texts in requests of %d texts, %d in flight: %.1f texts/s (%,d tokens).",
                results.bulk().texts(), results.bulk().requestSize(), results.bulk().inFlight(),
                results.bulk().textsPerSecond(), results.bulk().promptTokens());
        line();
        line("Memory of the server process (`/proc/<pid>/status`; MB = 10^6 bytes):");
        line();
        line("| when | resident (VmRSS) | peak so far (VmHWM) | target < %.0f MB |", Targets.MAX_RESIDENT_MB);
        line("|---|---:|---:|---|");
        memoryRow("idle, after start and /ready", results.idle(), true);
        memoryRow("after the bulk corpus over HTTP", results.afterBulk(), true);
        memoryRow("after all load runs", results.atEnd(), false);
        line();
    }

    private void loadRow(LoadResult r) {
        line("| %d | %d | %.1f | %.1f | %.1f | %.1f | %d | %d |", r.concurrency(), r.textsPerRequest(), r.requestsPerSecond(),
                r.textsPerSecond(), r.p50Millis(), r.p99Millis(), r.requests(), r.errors());
    }

    private void memoryRow(String when, ResidentMemory memory, boolean judged) {
        double residentMb = memory.residentMegabytes();
        line("| %s | %.0f MB | %.0f MB | %s |", when, residentMb, memory.peakMegabytes(),
                judged ? met(residentMb < Targets.MAX_RESIDENT_MB) : "(not a target)");
    }

    private static String settings(BulkPlan plan) {
        return plan.variants().stream().map(v -> {
            InferenceSettings s = plan.settings().get(v);
            String batching = s.maxBatchSize() == 1 ? "one text per call"
                    : "batches of up to " + s.maxBatchSize() + " texts / " + s.maxBatchTokens() + " padded tokens";
            String origin = s.equals(BulkSystems.defaultSettings(v)) ? "the defaults" : "**tuned, not the defaults**";
            return v.label() + ": " + s.workers() + " worker(s) x " + s.intraOpThreads() + " intra-op thread(s), "
                    + batching + ", queue " + s.queueCapacity() + " texts; " + origin;
        }).collect(Collectors.joining("; ", "`InferenceSettings` (", ")"));
    }

    private static String met(boolean met) {
        return MarkdownWriter.met(met);
    }

    private static String ordinal(int n) {
        return switch (n) {
            case 1 -> "";
            case 2 -> "2nd";
            case 3 -> "3rd";
            default -> n + "th";
        };
    }

    private void line() {
        out.line();
    }

    private void line(String format, Object... args) {
        out.line(format, args);
    }
}
