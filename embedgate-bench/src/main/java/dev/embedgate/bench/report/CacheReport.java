package dev.embedgate.bench.report;

import dev.embedgate.bench.cache.CachePlan;
import dev.embedgate.bench.cache.CacheResults;
import dev.embedgate.bench.cache.CacheResults.HitPath;
import dev.embedgate.bench.server.LoadResult;
import dev.embedgate.bench.server.RateResult;
import java.util.List;
import java.util.stream.Collectors;

/** Renders one run of the cache benchmarks as the Markdown section of docs/benchmarks.md. */
public final class CacheReport {

    /** List prices, US dollars per million tokens, to put the saved tokens in money. */
    private static final double OPENAI_SMALL_USD = 0.02;
    private static final double OPENAI_LARGE_USD = 0.13;

    private final MarkdownWriter out = new MarkdownWriter();

    public String render(MachineInfo machine, RunInfo run, List<String> jvmOptions, CacheResults results) {
        CachePlan plan = results.plan();
        out.header("Cache: the hit path and what a realistic repeat pattern saves", machine, run);
        out.line("- Reproduce: `scripts/bench.sh --cache`; `--quick` is a short check that leaves this file alone; "
                + "`--help` lists the options.");
        out.line("- The gateway: `java -jar embedgate.jar serve` with `%s` on the embedded default (local "
                + "all-MiniLM-L6-v2; cache on: in-process Caffeine tier, then the SQLite tier in an empty data folder), "
                + "its own process; the load generator is this benchmark's JVM (`java.net.http.HttpClient`, a virtual "
                + "thread per client), on the same 2 cores, over loopback.", String.join(" ", jvmOptions));
        out.line();
        hitPath(plan, results.hitPath());
        replay(plan, results.replay());
        targets(plan, results);
        return out.text();
    }

    private void hitPath(CachePlan plan, HitPath hit) {
        out.line("### Cache-hit path against the static route");
        out.line();
        out.line("`POST /v1/embeddings` with one text already cached (`{\"model\": \"all-MiniLM-L6-v2\", \"input\": "
                + "\"%s\", \"encoding_format\": \"base64\"}`: auth check, parsing, validation, a SHA-256 cache key, an L1 "
                + "hit, usage accounting, the base64 answer) against the same server's `GET /health` (a static JSON "
                + "answer), at the same concurrency. After %d s of warm-up per target, %d rounds; each round loads both "
                + "targets in turn (the order alternating): %d closed-loop clients for %d s, then an open loop at %d "
                + "requests/s for %d s (after 1 s unmeasured; latency from each request's scheduled send time). Figures "
                + "are medians over the rounds.", hit.text(), plan.warmUp().toSeconds(), plan.rounds(), plan.concurrency(),
                plan.window().toSeconds(), plan.ratePerSecond(), plan.rateWindow().toSeconds());
        out.line();
        out.line("| target | closed loop x%d: requests/s | p50 ms | p99 ms | per round (req/s) | %d/s open loop: achieved/s | "
                + "p50 ms | p99 ms | p99 per round | errors |", plan.concurrency(), plan.ratePerSecond());
        out.line("|---|---:|---:|---:|---|---:|---:|---:|---|---:|");
        row("`/v1/embeddings`, cached", hit.cachedClosed(), hit.cachedOpen());
        row("`GET /health`", hit.healthClosed(), hit.healthOpen());
        out.line();
        out.line("Throughput ratio, cached embedding over static route: **%.2f** (median of the rounds' ratios).",
                hit.throughputRatio());
        out.line();
    }

    private void row(String target, List<LoadResult> closed, List<RateResult> open) {
        long errors = closed.stream().mapToLong(LoadResult::errors).sum() + open.stream().mapToLong(RateResult::errors).sum();
        out.line("| %s | %.0f | %.2f | %.2f | %s | %.0f | %.2f | %.2f | %s | %d |", target, HitPath.medianRate(closed),
                HitPath.medianP50(closed), HitPath.medianP99(closed),
                closed.stream().map(r -> String.format("%.0f", r.requestsPerSecond())).collect(Collectors.joining(", ")),
                HitPath.medianAchieved(open), HitPath.medianOpenP50(open), HitPath.medianOpenP99(open),
                open.stream().map(r -> String.format("%.2f", r.p99Millis())).collect(Collectors.joining(", ")), errors);
    }

    private void replay(CachePlan plan, CacheResults.Replay replay) {
        out.line("### Corpus replay with repeats");
        out.line();
        out.line("%d single-text requests over the corpus (`corpus/debian-descriptions.jsonl`), %d clients at once. Each "
                + "request is the next unseen text or, with probability %.2f, a repeat of one already seen, picked by a "
                + "Zipf law (exponent %.1f) over the texts in the order they first appeared: a few texts repeat often, "
                + "most rarely (deterministic, seed 42). A hit is an answer that billed no token.", replay.requests(),
                plan.replayClients(), plan.repeatShare(), plan.zipfExponent());
        out.line();
        out.line("| requests | distinct texts | hits | hit ratio | tokens billed | tokens saved | share of tokens saved | "
                + "saved, gateway's own count | at $0.02 / $0.13 per 1M | took | errors |");
        out.line("|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|");
        out.line("| %d | %d | %d | **%.3f** | %d | **%d** | %.1f%% | %d | $%.4f / $%.4f | %.1f s | %d |", replay.requests(),
                replay.distinctTexts(), replay.hits(), replay.hitRatio(), replay.billedTokens(), replay.savedTokens(),
                100 * replay.savedShare(), replay.gatewaySavedTokens(), replay.savedTokens() * OPENAI_SMALL_USD / 1e6,
                replay.savedTokens() * OPENAI_LARGE_USD / 1e6, replay.seconds(), replay.errors());
        out.line();
        out.line("*Tokens saved* are counted by the client: for each hit, what the text cost when it was first embedded. "
                + "The gateway's own count is the `embedgate_cache_saved_tokens_total` it exports; the usage ledger holds "
                + "the same figure (`embedgate cost`). The local model is free, so the money column prices the saved "
                + "tokens at OpenAI's list prices for text-embedding-3-small and -large, for scale only.");
        out.line();
    }

    private void targets(CachePlan plan, CacheResults results) {
        HitPath hit = results.hitPath();
        double p99 = HitPath.medianOpenP99(hit.cachedOpen());
        out.line("### Targets (issue #4)");
        out.line();
        out.line("| target | measured | met |");
        out.line("|---|---:|---|");
        out.line("| cache-hit throughput >= 0.5 of the static route's | %.2f | %s |", hit.throughputRatio(),
                MarkdownWriter.met(hit.throughputRatio() >= 0.5));
        out.line("| cache-hit p99 < 2 ms at %d requests/s | %.2f ms | %s |", plan.ratePerSecond(), p99,
                MarkdownWriter.met(p99 < 2.0));
    }
}
