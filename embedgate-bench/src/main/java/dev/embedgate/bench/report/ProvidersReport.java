package dev.embedgate.bench.report;

import static dev.embedgate.bench.report.MarkdownWriter.met;

import dev.embedgate.bench.providers.FailoverCase;
import dev.embedgate.bench.providers.FailoverResults;
import dev.embedgate.bench.providers.OverheadResults;
import dev.embedgate.bench.providers.ProviderResults;
import dev.embedgate.bench.providers.RateComparison;
import dev.embedgate.bench.providers.RateLimitResults;
import dev.embedgate.bench.server.LoadResult;
import dev.embedgate.bench.server.RateResult;
import java.util.Arrays;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** Renders one run of the remote-provider benchmarks as the Markdown section of docs/benchmarks.md. */
public final class ProvidersReport {

    private final MarkdownWriter out = new MarkdownWriter();

    public String render(MachineInfo machine, RunInfo run, ProviderResults results) {
        out.header("Remote providers: gateway overhead, failover, shared rate limits", machine, run);
        out.line("- Reproduce: `scripts/bench.sh --providers` (needs Redis on 127.0.0.1:6379); `--quick` is a short check "
                + "that leaves this file alone; `--help` lists the options.");
        out.line("- Processes: the provider simulator (`java -jar embedgate.jar simulate`, see [simulator.md](simulator.md)) "
                + "and the gateways (`java -jar embedgate.jar serve`), each its own JVM with `%s`, and the load generator "
                + "(this benchmark's JVM: `java.net.http.HttpClient`, a virtual thread per request), all sharing the "
                + "machine's cores, over loopback.", String.join(" ", results.jvmOptions()));
        out.line("- Requests: one short text each, cycling through the %d corpus texts of 10 to 20 words. Every gateway "
                + "runs with the cache off (`cache: {enabled: false}`) and an empty data folder of its own, so every "
                + "request reaches a provider.", results.texts());
        out.line();
        if (results.overhead() != null) {
            overhead(results.overhead());
        }
        if (results.failover() != null) {
            failover(results.failover());
        }
        if (results.rateLimit() != null) {
            rateLimit(results.rateLimit());
        }
        targets(results);
        return out.text();
    }

    private void overhead(OverheadResults results) {
        out.line("### Gateway overhead");
        out.line();
        out.line("EmbedGate in front of the simulator's OpenAI route against the route called directly. The gateway is "
                        + "configured from the environment only (`EMBEDDING_PROVIDER=openai`, `OPENAI_API_KEY`, "
                        + "`OPENAI_BASE_URL`): text-embedding-3-small (%d dimensions, the simulator's synthetic vectors) "
                        + "behind EmbedGate's request validation, batch planner (a lone text is one call, uncounted), rate limiter (no limit "
                        + "set), retries, circuit breaker and answer validation. Both get the same bytes: "
                        + "`{\"model\", \"input\": one text, \"encoding_format\": \"base64\"}`, what OpenAI's own clients send.",
                results.dimensions());
        out.line();
        out.line("Open loop: requests are sent at a fixed rate whatever the answers, and each latency runs from the "
                        + "request's *scheduled* send time to the end of its answer, so a stall delays the requests behind "
                        + "it instead of hiding them (no coordinated omission). After %d s of closed-loop warm-up per "
                        + "target, each of %d rounds loads both targets for %d s each (after %d s unmeasured), back to back, "
                        + "the order alternating between rounds. Figures are medians over the rounds; *added* is the median "
                        + "over rounds of the gateway's percentile minus the direct call's in the same round.",
                results.plan().jitWarmUp().toSeconds(), results.plan().rounds(), results.plan().window().toSeconds(),
                results.plan().windowWarmUp().toSeconds());
        out.line();
        out.line("| requests/s | path | achieved/s | p50 ms | p99 ms | p50 / p99 ms per round | errors |");
        out.line("|---:|---|---:|---:|---:|---|---:|");
        for (RateComparison rate : results.rates()) {
            rateRow(rate, "simulator directly", rate.direct());
            rateRow(rate, "EmbedGate → simulator", rate.gateway());
            out.line("| %d | **added by EmbedGate** | | **%.2f** | **%.2f** | | |", rate.ratePerSecond(),
                    rate.addedP50Millis(), rate.addedP99Millis());
        }
        out.line();
        out.line("CPU time the gateway spends per proxied request: its process's user + system time (every thread: "
                + "HTTP server, pipeline, HTTP client, JIT, GC; `/proc/<pid>/stat`) over each gateway run, its unmeasured "
                + "second included, divided by the requests that run sent. Median over rounds, then each round.");
        out.line();
        out.line("| requests/s | gateway CPU per request | per round | share of one core |");
        out.line("|---:|---:|---|---:|");
        for (RateComparison rate : results.rates()) {
            double micros = rate.medianGatewayCpuMicrosPerRequest();
            String perRound = Arrays.stream(rate.gatewayCpuMicrosPerRequest())
                    .mapToObj(value -> String.format(Locale.ROOT, "%.0f", value)).collect(Collectors.joining(", "));
            out.line("| %d | **%.0f µs** | %s | %.0f%% |", rate.ratePerSecond(), micros, perRound,
                    micros * rate.ratePerSecond() / 1e4);
        }
        out.line();
        out.line("Anchors (their own setups, not measured here): TensorZero reports under 1 ms p99 added at high load; "
                + "LiteLLM 8 ms p95 added at 1,000 requests/s across 4 instances. Both paths are slower at 200/s than at "
                + "1,000/s: with a request every 5 ms, threads park between requests and each request pays their wake-ups.");
        out.line();
    }

    private void rateRow(RateComparison rate, String path, List<RateResult> runs) {
        String perRound = runs.stream().map(r -> String.format(Locale.ROOT, "%.2f / %.2f", r.p50Millis(), r.p99Millis()))
                .collect(Collectors.joining(", "));
        out.line("| %d | %s | %.1f | %.2f | %.2f | %s | %d |", rate.ratePerSecond(), path,
                rate.medianOf(runs, RateResult::achievedPerSecond), rate.medianOf(runs, RateResult::p50Millis),
                rate.medianOf(runs, RateResult::p99Millis), perRound, runs.stream().mapToLong(RateResult::errors).sum());
    }

    private void failover(FailoverResults results) {
        out.line("### Failover");
        out.line();
        out.line("A gateway configured as a user points it at Hugging Face (`EMBEDDING_PROVIDER=huggingface`, `HF_TOKEN`, "
                        + "`HF_INFERENCE_ENDPOINT`): all-MiniLM-L6-v2 via the simulator's Hugging Face route (`%s`), failing "
                        + "over to the in-process model of the same space. The simulator answers every call on that route "
                        + "with a 500 (`errorRate: 1.0`). Baseline: a second gateway serving the local model directly "
                        + "(`EMBEDDING_PROVIDER=local`). One request at a time, each text sent to both gateways in turn; "
                        + "latency is the whole HTTP exchange; every failed-over answer is checked to come from the local "
                        + "model (`X-EmbedGate-Provider`).",
                results.primary());
        out.line();
        out.line("- **Circuit closed**: the primary fails each measured request's calls only; between measured requests "
                        + "%d healthy requests keep the breaker's failure rate under its threshold, so every measured "
                        + "request meets a closed circuit and pays the retry policy (up to 4 attempts; waits of exponential "
                        + "backoff with full jitter: random up to 200, 400, 800 ms). Slow by design. Unmeasured cycles first: %d.",
                results.plan().healthyCallsPerCycle(), results.plan().warmUpCycles());
        out.line("- **Circuit open**: the primary keeps failing; after %d failing request(s) the breaker opened and "
                        + "requests fail over without calling it. The primary received %d call(s) (half-open probes) during "
                        + "the %.0f s of measurements.",
                results.requestsToOpen(), results.callsWhileOpen(), results.openSeconds());
        out.line();
        out.line("| circuit | requests | failing over p50 / p99 ms | local directly p50 / p99 ms | added p50 ms | added p99 ms "
                + "| added, median of pairs ms | calls to the primary per request |");
        out.line("|---|---:|---:|---:|---:|---:|---:|---|");
        IntSummaryStatistics attempts = results.upstreamAttempts().stream().mapToInt(Integer::intValue).summaryStatistics();
        failoverRow("closed", results.closed(), attempts.getMin() == attempts.getMax() ? Integer.toString(attempts.getMin())
                : attempts.getMin() + " to " + attempts.getMax());
        failoverRow("open", results.open(), "0");
        out.line();
        int closedCount = results.closed().failingOver().count();
        int rank = closedCount - (int) Math.ceil(0.99 * closedCount) + 1;
        out.line("p99 is the nearest-rank percentile: of %d closed-circuit requests, the %s.", closedCount,
                rank == 1 ? "slowest" : ordinal(rank) + " slowest");
        out.line();
    }

    private static String ordinal(int n) {
        return n + (n == 2 ? "nd" : n == 3 ? "rd" : "th");
    }

    private void failoverRow(String circuit, FailoverCase failoverCase, String calls) {
        out.line("| %s | %d | %.1f / %.1f | %.1f / %.1f | **%.1f** | **%.1f** | %.1f | %s |", circuit,
                failoverCase.failingOver().count(), failoverCase.failingOver().p50Millis(), failoverCase.failingOver().p99Millis(),
                failoverCase.local().p50Millis(), failoverCase.local().p99Millis(), failoverCase.addedP50Millis(),
                failoverCase.addedP99Millis(), failoverCase.medianPairedDifferenceMillis(), calls);
    }

    private void rateLimit(RateLimitResults results) {
        out.line("### Shared rate limit");
        out.line();
        out.line("%d gateway instances share a budget of R = %d requests/min kept in Redis (`rateLimits.store: redis`, "
                        + "the provider's `rateLimit.requestsPerMinute`), in front of one simulator route limited to the "
                        + "same R. A batch job of %d concurrent single-text clients (%d per instance, each sending its next "
                        + "request when the previous one is answered) pushes far more than R. Both buckets start full (EmbedGate's "
                        + "holds R less 5%% headroom, so that the simulator's never runs dry when calls arrive bunched) and "
                        + "let about a minute's budget through at once, so the measured window of %d s opens only when that burst "
                        + "is spent (at least R calls answered and the upstream rate down to the refill rate; at most %d s). "
                        + "The upstream rate and the 429s are the simulator's own count (`GET /admin/log`).",
                results.plan().instances(), results.plan().requestsPerMinute(),
                results.plan().instances() * results.plan().clientsPerInstance(), results.plan().clientsPerInstance(),
                results.plan().window().toSeconds(), results.plan().warmUp().toSeconds());
        out.line();
        if (!results.measured()) {
            out.line("**Not measured in this run**: %s.", results.notMeasured());
            out.line();
            return;
        }
        LoadResult clients = results.clientSide();
        out.line("| R (requests/min) | upstream 200s in the window | upstream per min | achieved / R | 429s (whole run) | "
                + "upstream calls (whole run) | gateway errors | client p50 / p99 s |");
        out.line("|---:|---:|---:|---:|---:|---:|---:|---:|");
        String clientLatency = clients.requests() == 0 ? "none answered in the window"
                : String.format(Locale.ROOT, "%.1f / %.1f", clients.p50Millis() / 1e3, clients.p99Millis() / 1e3);
        out.line("| %d | %d in %.0f s | %.1f | **%.3f** | **%d** | %d | %d | %s |", results.plan().requestsPerMinute(),
                results.upstreamOk(), results.windowSeconds(), results.upstreamPerMinute(), results.efficiency(),
                results.rateLimited(), results.upstreamCalls(), clients.errors(), clientLatency);
        out.line();
        out.line("Before the window, in %.0f s, the simulator answered %d calls 200: EmbedGate's initial bucket (R less 5%% headroom) and the refill.",
                results.warmUpSeconds(), results.burstOk());
        if (!results.rateLimitedAt().isEmpty()) {
            out.line("The 429s answered calls %s of the %d (the window opened after call %d).",
                    results.rateLimitedAt().stream().limit(20).map(String::valueOf).collect(Collectors.joining(", ")),
                    results.upstreamCalls(), results.burstOk());
        }
        out.line();
    }

    private void targets(ProviderResults results) {
        out.line("### Targets (issue #3)");
        out.line();
        out.line("| target | measured | met |");
        out.line("|---|---:|---|");
        RateComparison judged = results.overhead() == null ? null : results.overhead().rates().stream()
                .filter(rate -> rate.ratePerSecond() == Targets.OVERHEAD_RATE).findFirst().orElse(null);
        if (judged != null) {
            targetRow("overhead at %d requests/s: p50 added < %.0f ms".formatted(Targets.OVERHEAD_RATE, Targets.MAX_ADDED_P50_MILLIS),
                    judged, RateComparison::addedP50Millis, Targets.MAX_ADDED_P50_MILLIS);
            targetRow("overhead at %d requests/s: p99 added < %.0f ms".formatted(Targets.OVERHEAD_RATE, Targets.MAX_ADDED_P99_MILLIS),
                    judged, RateComparison::addedP99Millis, Targets.MAX_ADDED_P99_MILLIS);
        } else {
            out.line("| overhead at %d requests/s | not measured | — |", Targets.OVERHEAD_RATE);
        }
        RateLimitResults rateLimit = results.rateLimit();
        if (rateLimit != null && rateLimit.measured()) {
            out.line("| shared rate limit: >= %.2f of R | %.3f | %s |", Targets.MIN_RATE_LIMIT_EFFICIENCY, rateLimit.efficiency(),
                    met(rateLimit.efficiency() >= Targets.MIN_RATE_LIMIT_EFFICIENCY));
            out.line("| shared rate limit: no 429 from the provider | %d | %s |", rateLimit.rateLimited(), met(rateLimit.rateLimited() == 0));
        } else {
            out.line("| shared rate limit: >= %.2f of R, no 429 | not measured | — |", Targets.MIN_RATE_LIMIT_EFFICIENCY);
        }
        out.line();
    }

    private void targetRow(String target, RateComparison rate, ToDoubleFunction<RateComparison> added, double limit) {
        double measured = added.applyAsDouble(rate);
        out.line("| %s | %.2f ms | %s |", target, measured, met(measured < limit));
    }
}
