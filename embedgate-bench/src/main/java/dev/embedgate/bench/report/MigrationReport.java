package dev.embedgate.bench.report;

import dev.embedgate.bench.migration.BackfillPlan;
import dev.embedgate.bench.migration.BackfillResult;
import dev.embedgate.bench.migration.BackfillResults;
import dev.embedgate.bench.migration.BackfillRun;
import dev.embedgate.bench.migration.MigrationResults;
import dev.embedgate.bench.migration.ShareResults;
import dev.embedgate.bench.migration.ShareRound;
import dev.embedgate.bench.migration.SharePlan;
import dev.embedgate.bench.server.Latencies;
import dev.embedgate.provider.local.InferenceSettings;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The migration benchmark's section of docs/benchmarks.md: backfill throughput, and the rate share. */
public final class MigrationReport {

    private final MarkdownWriter out = new MarkdownWriter();

    public String render(MachineInfo machine, RunInfo run, MigrationResults results, String lucene) {
        out.header("Migrations: backfill throughput, and the share of a rate limit", machine, run);
        out.line("- Load average (1 min): %.1f when the run started (other processes only), %.1f at the highest and "
                + "%.1f when it ended", results.loadBefore(), results.loadHighest(), results.loadAfter());
        out.line("- Reproduce: `scripts/bench.sh --migration` (PostgreSQL with pgvector on 127.0.0.1:5432, database "
                + "`test`, for the pgvector store; without it that store is skipped with a note); `--quick` is a short "
                + "check that leaves this file alone; `--help` lists the options.");
        out.line();
        if (results.backfill() != null) {
            backfill(results.backfill(), results.corpusTexts(), lucene);
        }
        if (results.share() != null) {
            share(results.share(), results);
        }
        targets(results);
        return out.text();
    }

    private void backfill(BackfillResults results, int corpusTexts, String lucene) {
        BackfillPlan plan = results.plan();
        out.line("### Backfill to the local model");
        out.line();
        out.line("A migration of %,d memories from all-MiniLM-L6-v2 to bge-small-en-v1.5 (both bundled, in-process ONNX) "
                + "against the raw embedder on the same %,d texts, in the same JVM, over one embedding pipeline: the "
                + "bundled models with the server's default inference settings for this machine (%s) behind an "
                + "`EmbeddingService` without a cache (with one, the raw runs would fill what the migrations then "
                + "read). The texts are corpus texts at even steps over the %,d of `corpus/debian-descriptions.jsonl`, "
                + "so the length mix is kept.", plan.memories(), plan.memories(), inference(results.inference()),
                corpusTexts);
        out.line();
        out.line("- **Migration**: `MemoryService` over the store, opened as the server opens it (Lucene %s in its own "
                + "folder; pgvector: %s, in a fresh schema, a pool of 10 connections), `migrations().start` with "
                + "`to: bge-small-en-v1.5`, `batch_size: %d`, `max_rate_share: 1` (a local model has no rate limit), "
                + "%d workers (`memory.migrations.workers`, the default). Timed from the start to the moment the "
                + "migration's record says `backfilled`; each run's memories were saved with their all-MiniLM-L6-v2 "
                + "vectors beforehand (`save` and `putVectors`, a namespace of their own per run, the store closed and "
                + "opened again afterwards, PostgreSQL's tables vacuumed), so the memory's background worker has "
                + "nothing to do (checked: it embedded nothing). Every memory is checked to have its bge-small vector.",
                lucene, results.postgres() == null ? "not measured" : results.postgres(), plan.batchSize(),
                plan.workers());
        out.line("- **Raw embedder**: the same pipeline and model, `EmbeddingService.embed(SpaceEmbeddingRequest"
                + ".background(...))`, one request per batch of %d texts, from %d concurrent callers (virtual threads, "
                + "as many as the migration has workers), each sending its next batch when the last is answered; "
                + "nothing is stored. This is the fair comparison: the migration sends exactly these requests, at "
                + "background priority, through this pipeline, so both get the same share of the model (background work "
                + "may hold %d of its %d workers, `models.inference.backgroundShare`) and the same "
                + "batching; what differs is only what the migration adds (claiming batches under leases, storing the "
                + "vectors and the HNSW graph, its bookkeeping). The bare provider at online priority would use every "
                + "worker and so measure the background share, not the migration.", plan.batchSize(), plan.workers(),
                backgroundWorkers(results.inference()), results.inference().workers());
        out.line("- Per store an unmeasured raw run and migration of %d memories come first; then %d round(s), each a "
                + "raw run and a migration, the migration first in every other round. Figures are medians over the "
                + "rounds; the ratio is the migration's median over the raw embedder's.", plan.warmUp(), plan.rounds());
        if (results.rawRefusals() > 0) {
            out.line("- The local model's queue refused the raw embedder's batches %d time(s); each was sent again after "
                    + "the wait it named, as a migration worker does.", results.rawRefusals());
        }
        out.line();
        if (results.stores().isEmpty()) {
            out.line("**No store was measured in this run.**");
            out.line();
            results.notes().forEach(note -> out.line("- %s", note));
            out.line();
            return;
        }
        out.line("| store | raw embedder texts/s | migration memories/s | migration / raw | raw per round | migration per "
                + "round | tokens/s raw / migration |");
        out.line("|---|---:|---:|---:|---|---|---:|");
        for (BackfillResult store : results.stores()) {
            out.line("| %s | %.1f | %.1f | **%.2f** | %s | %s | %,.0f / %,.0f |", store.store(),
                    store.medianPerSecond(BackfillRun.RAW), store.medianPerSecond(BackfillRun.MIGRATION), store.ratio(),
                    perRound(store.of(BackfillRun.RAW)), perRound(store.of(BackfillRun.MIGRATION)),
                    store.medianTokensPerSecond(BackfillRun.RAW), store.medianTokensPerSecond(BackfillRun.MIGRATION));
        }
        out.line();
        out.line("Background work holds at most %d of the local model's %d workers, so the migration's own work "
                + "(claims, storing the vectors, commits) runs beside it on the rest of the machine.",
                backgroundWorkers(results.inference()), results.inference().workers());
        out.line();
        results.notes().forEach(note -> out.line("- %s", note));
        if (!results.notes().isEmpty()) {
            out.line();
        }
    }

    private static String inference(InferenceSettings settings) {
        return "%d worker(s) x %d intra-op thread(s), batches of up to %d texts / %d padded tokens, background share %s"
                .formatted(settings.workers(), settings.intraOpThreads(), settings.maxBatchSize(),
                        settings.maxBatchTokens(), number(settings.backgroundShare()));
    }

    /** Workers background batches may hold at once, as the local model counts them. */
    private static int backgroundWorkers(InferenceSettings settings) {
        return Math.max(1, (int) Math.floor(settings.workers() * settings.backgroundShare()));
    }

    private static String perRound(List<BackfillRun> runs) {
        return runs.stream().map(run -> String.format(Locale.ROOT, "%.1f", run.memoriesPerSecond()))
                .collect(Collectors.joining(", "));
    }

    private void share(ShareResults results, MigrationResults all) {
        SharePlan plan = results.plan();
        out.line("### Share of a rate-limited provider, and online latency beside it");
        out.line();
        out.line("The provider simulator (`java -jar embedgate.jar simulate`) with its OpenAI route limited to R = %d "
                + "requests/min, and a gateway (`java -jar embedgate.jar serve`, the Lucene store, cache off, "
                + "`memory.migrations.workers: %d`), each its own JVM with `%s`, on the same cores as the load "
                + "generator. The gateway's provider is OpenAI-kind (text-embedding-3-small, the simulator's synthetic "
                + "1536-d vectors) with `rateLimit: {requestsPerMinute: %d}` and `backgroundShare: %s`%s. Before the "
                + "gateway starts, its store is seeded with %d namespace(s) of %,d memories (corpus texts, cycled "
                + "through, with their all-MiniLM-L6-v2 vectors), one per round; the gateway is checked to find them "
                + "all, none pending.", plan.requestsPerMinute(), plan.workers(), String.join(" ", all.jvmOptions()),
                plan.requestsPerMinute(), number(plan.backgroundShare()), plan.backgroundShare() == 1
                        ? " (so the migration's own `max_rate_share` is all that holds it back: the measurement is of "
                        + "that, not of the provider's cap on all background work, which would hide a pacing fault)"
                        : "", plan.rounds(), results.memories());
        out.line();
        out.line("Each round measures online requests (`POST /v1/embeddings`, one short corpus text each, open loop at %s "
                + "requests/s: %.0f%% of what the migration leaves of R; latency from each request's scheduled send, "
                + "so a stall counts against the requests behind it) in a window of %d s with no migration running "
                + "and in one beside a migration of that round's namespace (`POST /v1/migrations` with `batch_size: "
                + "%d`, `max_rate_share: %s`: at most %.0f requests of %d memories a minute), each window opening %d s "
                + "after its load (and the migration) started; every other round the window beside the migration "
                + "comes first. The migration is cancelled after its window. The simulator's request log (`GET "
                + "/admin/log`, read as each window opens and closes) tells migration requests (%d inputs) from online "
                + "ones (1); the share is migration requests per minute in the window over R. The gateway's CPU time "
                + "(`/proc/<pid>/stat`) over each window says what the migration costs it. R and the batch size are "
                + "small enough that the gateway can send faster than the share allows (on the Lucene store each "
                + "migration request costs the gateway a claim and a store, a commit each, and the merges they cause), "
                + "so that the request limit, not the gateway, binds.", number(plan.onlinePerSecond()),
                100 * plan.onlinePerSecond() * 60 / (plan.requestsPerMinute() * (1 - plan.maxRateShare())),
                plan.window().toSeconds(), plan.batchSize(), number(plan.maxRateShare()),
                plan.migrationRequestsPerSecond() * 60, plan.batchSize(), plan.settle().toSeconds(), plan.batchSize());
        out.line();
        if (!results.measured()) {
            out.line("**Not measured in this run**: %s.", results.notMeasured());
            out.line();
            return;
        }
        out.line("| round | migration requests/min | share of R | migration at the window's end | gateway CPU, cores: no "
                + "migration / beside | gateway CPU per migration request | online p50 / p99 ms, no migration | "
                + "online p50 / p99 ms, beside it | online refused, no migration / beside | upstream 429s |");
        out.line("|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|");
        for (ShareRound round : results.rounds()) {
            out.line("| %d | %.1f | %.3f | %s | %.2f / %.2f | %.0f ms | %.1f / %.1f | %.1f / %.1f | %d / %d | %d |",
                    round.round(), round.migrationPerMinute(), round.share(plan.requestsPerMinute()),
                    round.migrationStatus(), round.aloneGatewayCores(), round.besideGatewayCores(),
                    round.gatewayCpuMillisPerRequest(), round.alone().p50Millis(), round.alone().p99Millis(),
                    round.beside().p50Millis(), round.beside().p99Millis(), round.aloneAnswers().refused(),
                    round.besideAnswers().refused(), round.upstreamRateLimited());
        }
        out.line();
        Latencies alone = results.pooled(ShareRound::alone);
        Latencies beside = results.pooled(ShareRound::beside);
        out.line("The migration used a median **%.3f** of R over the rounds (highest %.3f; one request more or less in a "
                + "window is %.3f), costing the gateway a median %.0f ms of CPU per request. Online requests of every "
                + "round together (nearest-rank percentiles; of %d requests, p99 is the %s): p50 / p99 **%.1f / %.1f "
                + "ms** with no migration, **%.1f / %.1f ms** beside it. Online requests refused: %d of %d with no "
                + "migration, %d of %d beside it (%d of them 429; warm-up included).", results.medianShare(),
                results.highestShare(), 60.0 / plan.window().toSeconds() / plan.requestsPerMinute(),
                results.median(ShareRound::gatewayCpuMillisPerRequest), beside.count(), p99Rank(beside.count()),
                alone.p50Millis(), alone.p99Millis(), beside.p50Millis(), beside.p99Millis(),
                results.refused(ShareRound::aloneAnswers), results.sent(ShareRound::aloneAnswers),
                results.refused(ShareRound::besideAnswers), results.sent(ShareRound::besideAnswers),
                results.rateLimited(ShareRound::besideAnswers));
        if (results.rounds().stream().allMatch(round -> round.share(plan.requestsPerMinute())
                >= Targets.MIN_RATE_SHARE_USED * plan.maxRateShare())) {
            out.line("The request limit bound in every round: the migration kept to its share.");
        } else {
            out.line("In a round below %.2f x max_rate_share the migration did not reach its share: the gateway could "
                    + "not send its batches faster (its own work per batch, on cores it shares with the simulator and "
                    + "the load generator), so that round shows the gateway's capacity rather than its pacing, which "
                    + "it then checks only from above.", Targets.MIN_RATE_SHARE_USED);
        }
        long stray = results.rounds().stream().mapToLong(ShareRound::strayRequests).sum();
        if (stray > 0) {
            out.line("In the windows without a migration the simulator still got %d migration-sized request(s): a "
                    + "cancelled migration's last batches.", stray);
        }
        out.line();
    }

    /** Which of {@code count} sorted latencies the nearest-rank p99 is, counted from the slowest. */
    private static String p99Rank(int count) {
        int n = count - (int) Math.ceil(0.99 * count) + 1;
        if (n == 1) {
            return "slowest";
        }
        String suffix = n % 100 / 10 == 1 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix + " slowest";
    }

    private void targets(MigrationResults results) {
        out.line("### Targets (issue #12)");
        out.line();
        out.line("| target | measured | met |");
        out.line("|---|---:|---|");
        if (results.backfill() != null) {
            for (BackfillResult store : results.backfill().stores()) {
                out.line("| %s: migration memories/s >= %.2f x the raw embedder's texts/s | %.2f | %s |",
                        store.store(), Targets.MIN_BACKFILL_SHARE, store.ratio(),
                        MarkdownWriter.met(store.ratio() >= Targets.MIN_BACKFILL_SHARE));
            }
        }
        ShareResults share = results.share();
        if (share != null && share.measured()) {
            SharePlan plan = share.plan();
            double oneRequest = 60.0 / plan.window().toSeconds() / plan.requestsPerMinute();
            out.line("| rate share: never above max_rate_share %s (to within one request per window) | %.3f (highest) "
                    + "| %s |", number(plan.maxRateShare()), share.highestShare(),
                    MarkdownWriter.met(share.highestShare() <= plan.maxRateShare() + oneRequest));
            out.line("| rate share: >= %.2f x max_rate_share | %.3f (median) | %s |", Targets.MIN_RATE_SHARE_USED,
                    share.medianShare(),
                    MarkdownWriter.met(share.medianShare() >= Targets.MIN_RATE_SHARE_USED * plan.maxRateShare()));
            long refused = share.refused(ShareRound::besideAnswers);
            out.line("| online requests beside the migration: none refused | %d | %s |", refused,
                    MarkdownWriter.met(refused == 0));
        }
        out.line();
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%s", value);
    }
}
