package dev.embedgate.bench.report;

import dev.embedgate.bench.ChatRerankBenchOptions;
import dev.embedgate.bench.ProviderBenchOptions;
import dev.embedgate.bench.chat.StreamBenchmark;
import dev.embedgate.bench.chat.StreamPlan;
import dev.embedgate.bench.chat.StreamResults;
import dev.embedgate.bench.chat.StreamRun;
import dev.embedgate.bench.chat.StreamTarget;
import dev.embedgate.bench.rerank.RerankPlan;
import dev.embedgate.bench.rerank.RerankResults;
import dev.embedgate.bench.rerank.RerankRun;
import dev.embedgate.bench.rerank.RerankSystem;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The reranking and streamed chat benchmark's section of docs/benchmarks.md (issue 13). */
public final class ChatRerankReport {

    /** Streamed chat targets (issue 13): what EmbedGate may add to the direct figure, in milliseconds. */
    static final double ADDED_P50_TARGET_MILLIS = 1;
    static final double ADDED_P99_TARGET_MILLIS = 3;

    /**
     * What the run produced.
     *
     * @param rerank     null when not measured, {@code rerankNote} saying why
     * @param chat       null when not measured, {@code chatNote} saying why
     * @param loadBefore the 1-minute load average when the run started; {@code loadHighest} and {@code loadAfter} as
     *                   read during and after it
     * @param gatewayJvmOptions what the gateways ran with (the simulator runs with the launcher's)
     * @param candidate  the second gateway that took turns in the chat part; null for none
     */
    public record Results(double loadBefore, double loadHighest, double loadAfter, RerankResults rerank,
                         String rerankNote, StreamResults chat, String chatNote, List<String> gatewayJvmOptions,
                         ChatRerankBenchOptions.Candidate candidate) {

        public Results {
            gatewayJvmOptions = List.copyOf(gatewayJvmOptions);
        }
    }

    private final MarkdownWriter out = new MarkdownWriter();

    public String render(MachineInfo machine, RunInfo run, Results results) {
        out.header("Reranking and streamed chat", machine, run);
        out.line("- Load average (1 min): %.1f when the run started (other processes only), %.1f at the highest and "
                + "%.1f when it ended", results.loadBefore(), results.loadHighest(), results.loadAfter());
        if (results.loadHighest() > 1.5 * machine.cores()) {
            out.line("- **The machine was busy during the run** (load up to %.1f on %d cores, from other processes as "
                    + "well as this benchmark): latency percentiles, p99 above all, carry that noise. The systems took "
                    + "turns (reranking window by window, chat every few seconds), so compare them within this "
                    + "section; rerun on a quiet machine for figures to quote.", results.loadHighest(), machine.cores());
        }
        out.line("- Reproduce: `scripts/bench.sh --chat-rerank`; `--quick` is a short check that leaves this file "
                + "alone; `--help` lists the options.");
        String launcher = ProviderBenchOptions.launcherJvmOptionsText();
        String gateway = String.join(" ", results.gatewayJvmOptions());
        String chatSimulator = results.chat() == null ? "" : " (the chat benchmark's with a larger heap, below)";
        if (gateway.equals(launcher)) {
            out.line("- EmbedGate and the provider simulator run as processes of the server jar (`serve` and "
                    + "`simulate`, JVM options `%s`, the launcher's%s), on loopback, on the same cores as the load "
                    + "clients.", launcher, chatSimulator);
        } else {
            out.line("- EmbedGate and the provider simulator run as processes of the server jar, on loopback, on the "
                    + "same cores as the load clients: EmbedGate (`serve`) with **JVM options `%s`** "
                    + "(`--gateway-jvm-options`; the launcher's are `%s`), the simulator (`simulate`) with the "
                    + "launcher's%s.", gateway, launcher, chatSimulator);
        }
        if (results.candidate() != null) {
            out.line("- Chat: a second EmbedGate, **the candidate** (%s), took turns beside the others "
                    + "(`--candidate-jar`, `--candidate-jvm-options`).", results.candidate().description());
        }
        out.line();
        if (results.rerank() != null) {
            rerank(results.rerank());
        } else {
            out.line("### Reranking");
            out.line();
            out.line("Not measured: %s.", results.rerankNote());
            out.line();
        }
        if (results.chat() != null) {
            chat(results.chat());
        } else {
            out.line("### Streamed chat");
            out.line();
            out.line("Not measured: %s.", results.chatNote());
            out.line();
        }
        return out.text();
    }

    private void rerank(RerankResults results) {
        RerankPlan plan = results.plan();
        out.line("### Reranking: documents ranked per second");
        out.line();
        out.line("Every request carries %d candidate documents (`top_n` %d) from `corpus/debian-descriptions.jsonl`: "
                + "%,d texts, taken in turn, with a query from %d held-out short corpus texts (10 to 20 words) that are "
                + "never among the documents. Bodies are in the shape Cohere and Jina share, so EmbedGate's "
                + "`POST /v1/rerank` and the simulator's Cohere `POST /v2/rerank` get the very same bytes.",
                plan.candidates(), plan.topN(), results.documentPool(), results.queries());
        out.line();
        for (RerankSystem system : results.systems()) {
            out.line("- **%s**: %s", system.label(), describe(system, results));
        }
        out.line("- Closed-loop clients (virtual threads, the JDK `HttpClient` over HTTP/1.1 keep-alive), each sending "
                + "its next request when the last is answered. Every system first gets %d s of load from 4 clients "
                + "(JIT); then %d round(s), each one window per system and client count, the systems' order rotated "
                + "every round. A window is %d s unmeasured and %d s measured (the cold local ranker's, which takes "
                + "seconds per request: %d s and %d s); pairs/s counts the answers that arrive in the measured part "
                + "(x %d documents), latency is theirs. Gateway CPU is the EmbedGate process's user + system time over "
                + "a window's run (`/proc/<pid>/stat`, 10 ms ticks) per request sent. Figures are medians over the "
                + "rounds.",
                plan.jitWarmUp().toSeconds(), plan.rounds(), plan.windowWarmUp().toSeconds(),
                plan.window().toSeconds(), plan.coldWindowWarmUp().toSeconds(), plan.coldWindow().toSeconds(),
                plan.candidates());
        if (results.errors() > 0) {
            out.line("- **%d request(s) failed** over the run (warm-ups included).", results.errors());
        }
        out.line();
        out.line("| system | clients | pairs/s | p50 ms | p99 ms | gateway CPU ms/request | pairs/s per round | answers "
                + "per window |");
        out.line("|---|---:|---:|---:|---:|---:|---|---|");
        for (int concurrency : plan.concurrencies()) {
            for (RerankSystem system : results.systems()) {
                List<RerankRun> runs = results.of(system, concurrency);
                out.line("| %s | %d | %s | %s | %s | %s | %s | %s |", system.label(), concurrency,
                        number(results.median(system, concurrency, RerankRun::pairsPerSecond), 0),
                        number(results.median(system, concurrency, RerankRun::p50Millis), 1),
                        number(results.median(system, concurrency, RerankRun::p99Millis), 1),
                        number(results.median(system, concurrency, RerankRun::gatewayCpuMillisPerRequest), 2),
                        runs.stream().map(r -> number(r.pairsPerSecond(), 0)).collect(Collectors.joining(", ")),
                        runs.stream().map(r -> Long.toString(r.requests())).collect(Collectors.joining(", ")));
            }
        }
        out.line();
        if (results.systems().contains(RerankSystem.GATEWAY) && results.systems().contains(RerankSystem.DIRECT)) {
            out.line("What the gateway costs a remote reranker (pairs/s: medians; added: the median over the rounds of "
                    + "EmbedGate - direct in the same round):");
            out.line();
            out.line("| clients | pairs/s direct | pairs/s through EmbedGate | ratio | added p50 ms | added p99 ms |");
            out.line("|---:|---:|---:|---:|---:|---:|");
            for (int concurrency : plan.concurrencies()) {
                double direct = results.median(RerankSystem.DIRECT, concurrency, RerankRun::pairsPerSecond);
                double gateway = results.median(RerankSystem.GATEWAY, concurrency, RerankRun::pairsPerSecond);
                out.line("| %d | %s | %s | %s | %s | %s |", concurrency, number(direct, 0), number(gateway, 0),
                        number(gateway / direct, 2),
                        number(results.added(concurrency, RerankRun::p50Millis), 2),
                        number(results.added(concurrency, RerankRun::p99Millis), 2));
            }
            out.line();
        }
    }

    private static String describe(RerankSystem system, RerankResults results) {
        RerankPlan plan = results.plan();
        return switch (system) {
            case LOCAL_COLD -> "model `local-cosine` with no rerank configuration of its own (answered by `"
                    + results.localRanker() + "`): cosine similarity of bge-small-en-v1.5 vectors (bundled, in-process "
                    + "ONNX) through the embedding pipeline, cache on as users run it. Every document of every request "
                    + "is new to it: each is prefixed with `[n] `, n the request's number in the run (a few tokens on "
                    + "texts of about a hundred), so the embedding cache never answers and all " + plan.candidates()
                    + " documents are embedded.";
            case LOCAL_WARM -> "the same model cycling through " + plan.warmBodies() + " requests it has ranked "
                    + "before, so every vector comes from the embedding cache: the ranker's own cost.";
            case GATEWAY -> "model `" + "rerank-english-v3.0" + "` routed to the simulated Cohere reranker (kind "
                    + "`cohere`, answered by `" + results.remoteRanker() + "`), `rerank.cacheEntries: 0` so every "
                    + "request reaches it; the simulator answers each call after a fixed " + plan.providerLatencyMillis()
                    + " ms (its `latencyMillis` fault), standing for a hosted reranker's time. EmbedGate made "
                    + results.upstreamCalls() + " upstream call(s) per request (Cohere's batch is 100 documents; "
                    + "larger requests are split and run at most 4 calls at once) and asks for every score "
                    + "(`top_n` = the batch), then ranks and cuts to the caller's `top_n` itself.";
            case DIRECT -> "the same bodies posted to the simulator's `/cohere/v2/rerank`, same delay: the floor.";
        };
    }

    private static String nextStream(StreamPlan plan) {
        if (plan.maxPauseMillis() == 0) {
            return "starting its next stream as soon as the last ended (back to back: the clients fall in step, "
                    + "ending on the simulator's shared token beat and starting again together, dozens in the same "
                    + "millisecond, so TTFT p99 measures those bursts)";
        }
        return ("starting its next stream a random 0 to %d ms after the last ended (uniform). The pause and the "
                + "bodies' different lengths keep the clients out of step: back to back they would end on the "
                + "simulator's shared token beat and start together, and with answers all of one length, anything "
                + "that holds every client up at once (a collection as a turn starts) would leave them starting "
                + "together again once per stream length for the rest of the turn").formatted(plan.maxPauseMillis());
    }

    private void chat(StreamResults results) {
        StreamPlan plan = results.plan();
        out.line("### Streamed chat: time to first token and between tokens");
        out.line();
        out.line("`POST /v1/chat/completions` with `\"stream\": true` through EmbedGate (chat model `gpt-4o-mini` routed "
                + "to the simulator's OpenAI kind) against the same bodies posted directly to the simulator's "
                + "`/openai/v1/chat/completions`. The simulated model answers the user message (%d to %d words of a "
                + "corpus text, %d on average, each body its own length) back a word per chunk, %d ms apart "
                + "(`tokenIntervalMillis`), %s text chunks per stream on average. "
                + "One thread of the simulator writes every stream's chunks, each due an interval after the one before "
                + "(a late write does not delay the next), as a model server's decoding step makes the next token of "
                + "every answer at once.",
                StreamPlan.shortestPrompt(plan.promptWords()), StreamPlan.longestPrompt(plan.promptWords()),
                plan.promptWords(), plan.tokenIntervalMillis(),
                number(results.median(StreamTarget.DIRECT, plan.streams().getFirst(), StreamRun::tokensPerStream), 0));
        out.line();
        out.line("- Client: N streams at once, each a virtual thread with its own keep-alive connection over a plain "
                + "socket (no HTTP client library), %s. Each line of "
                + "the body is timed when the `read` that delivered it returns. Time to first token (TTFT): from just "
                + "before the request is written to the first chunk carrying text; inter-token: between consecutive "
                + "chunks carrying text.", nextStream(plan));
        Duration turn = plan.measured().plus(plan.settle().multipliedBy(2));
        out.line("- Every target first gets %d s of load at the largest stream count (JIT). Then %d round(s); in each, "
                + "at every stream count, the same clients take turns between the targets: %d turns of %d s for each, "
                + "in cycles that hold each target once, ordered as the rows of a Williams design (every %d cycles, "
                + "each target holds every place in a cycle and comes right after every other equally often), so that "
                + "whatever else the machine does falls on all of them alike. A client moves to the next target when "
                + "its stream ends, so a turn's first and last %d s are not measured; streams started in the %d s "
                + "between are, and end inside the turn (%s). p50 and p99 are over every measured stream (TTFT) and "
                + "every gap of a target's turns in the round; figures are medians over the rounds; added is the "
                + "median over the rounds of the proxy's figure - direct in the same round. CPU per token: each "
                + "process's user + system time over the measured parts (`/proc/<pid>/stat`) per text chunk of the "
                + "measured streams; machine busy: the share of both cores' time in use over the measured parts "
                + "(`/proc/stat`), clients and simulator included.",
                plan.jitWarmUp().toSeconds(), plan.rounds(), plan.turnsPerRound(), turn.toSeconds(),
                StreamPlan.balancedCycles(results.targetCount()),
                plan.settle().toSeconds(), plan.measured().toSeconds(),
                results.overran() == 0 ? "all did" : "**%d did not**".formatted(results.overran()));
        out.line("- The load generator (this benchmark's JVM) collects its garbage as every turn starts, so that none "
                + "of its collections, which hold up every client at once, falls inside a measured part: %s.",
                results.runsWithLoadGeneratorCollections() == 0 ? "none did"
                        : "**%d of %d targets' turns in a round had one anyway**".formatted(
                        results.runsWithLoadGeneratorCollections(), results.runs().size()));
        out.line("- So does the simulator, which stands for the provider on the same cores (`POST /admin/gc`), its JVM "
                + "with `%s` after the launcher's options, a young generation that holds a turn's garbage: a "
                + "collection of its JVM stops every stream under way, whichever target's turn it falls in. Its "
                + "collections inside a measured part: %s.", String.join(" ", StreamBenchmark.SIMULATOR_HEAP),
                results.runsWithSimulatorCollections() == 0 ? "none"
                        : "**%d of %d targets' turns in a round had one**".formatted(
                        results.runsWithSimulatorCollections(), results.runs().size()));
        if (results.errors() > 0) {
            out.line("- **%d stream(s) failed** over the run (warm-ups included).", results.errors());
        }
        out.line();
        out.line("| streams | target | TTFT p50 ms | TTFT p99 ms | inter-token p50 ms | inter-token p99 ms | CPU µs/token "
                + "proxy / simulator | machine busy | streams measured per round |");
        out.line("|---:|---|---:|---:|---:|---:|---:|---:|---|");
        List<StreamTarget> proxies = Stream.of(StreamTarget.GATEWAY, StreamTarget.CANDIDATE, StreamTarget.NGINX)
                .filter(results::measured).toList();
        for (int streams : plan.streams()) {
            row(results, streams, StreamTarget.DIRECT);
            for (StreamTarget proxy : proxies) {
                row(results, streams, proxy);
                out.line("| %d | **%s added** | **%s** | **%s** | **%s** | **%s** | | | |", streams, name(proxy),
                        number(results.added(proxy, streams, StreamRun::ttftP50Millis), 2),
                        number(results.added(proxy, streams, StreamRun::ttftP99Millis), 2),
                        number(results.added(proxy, streams, StreamRun::gapP50Millis), 2),
                        number(results.added(proxy, streams, StreamRun::gapP99Millis), 2));
            }
        }
        out.line();
        if (plan.rounds() > 1) {
            out.line("Time to first token added at p99, round by round (the slowest 1%% are a few bursts per turn, so "
                    + "rounds differ): %s.", plan.streams().stream()
                    .map(streams -> streams + " streams: " + proxies.stream()
                            .map(proxy -> name(proxy) + " " + ttftP99AddedPerRound(results, proxy, streams))
                            .collect(Collectors.joining(", ")))
                    .collect(Collectors.joining("; ")));
            out.line();
        }
        out.line(results.measured(StreamTarget.NGINX)
                ? "nginx (worker_processes auto, keep-alive upstream connections, `proxy_buffering off`) is the "
                + "yardstick: it passes the simulator's bytes through untouched, so what it adds is what any proxy hop "
                + "costs on this machine, whose two cores the clients, the simulator and the proxy share. EmbedGate "
                + "parses every chunk, checks and meters it and writes its own."
                : "nginx was not installed, so there is no reference proxy row (`apt-get install nginx-light` adds "
                + "one: nginx passing the simulator's bytes through, the cost of any proxy hop on this machine).");
        out.line();
        out.line("Targets (issue 13): EmbedGate adds < %s ms at p50 and < %s ms at p99.",
                number(ADDED_P50_TARGET_MILLIS, 0), number(ADDED_P99_TARGET_MILLIS, 0));
        out.line();
        out.line("| target | measured | met |");
        out.line("|---|---:|---|");
        for (int streams : plan.streams()) {
            target(results, streams, "time to first token", "p50", StreamRun::ttftP50Millis, ADDED_P50_TARGET_MILLIS);
            target(results, streams, "time to first token", "p99", StreamRun::ttftP99Millis, ADDED_P99_TARGET_MILLIS);
            target(results, streams, "inter-token time", "p50", StreamRun::gapP50Millis, ADDED_P50_TARGET_MILLIS);
            target(results, streams, "inter-token time", "p99", StreamRun::gapP99Millis, ADDED_P99_TARGET_MILLIS);
        }
        out.line();
    }

    private void row(StreamResults results, int streams, StreamTarget target) {
        out.line("| %d | %s | %s | %s | %s | %s | %s / %s | %s%% | %s |", streams, name(target),
                number(results.median(target, streams, StreamRun::ttftP50Millis), 2),
                number(results.median(target, streams, StreamRun::ttftP99Millis), 2),
                number(results.median(target, streams, StreamRun::gapP50Millis), 2),
                number(results.median(target, streams, StreamRun::gapP99Millis), 2),
                number(results.median(target, streams, StreamRun::proxyCpuMicrosPerToken), 1),
                number(results.median(target, streams, StreamRun::simulatorCpuMicrosPerToken), 1),
                number(results.median(target, streams, StreamRun::machineBusyPercent), 0),
                results.of(target, streams).stream().map(run -> Long.toString(run.streamsMeasured()))
                        .collect(Collectors.joining(", ")));
    }

    private static String name(StreamTarget target) {
        return switch (target) {
            case DIRECT -> "simulator, direct";
            case GATEWAY -> "EmbedGate";
            case CANDIDATE -> "EmbedGate candidate";
            case NGINX -> "nginx (reference proxy)";
        };
    }

    /** One target of the issue's: what EmbedGate adds to {@code measured}, against its limit. */
    private void target(StreamResults results, int streams, String figure, String percentile,
                        ToDoubleFunction<StreamRun> measured, double limit) {
        double added = results.added(StreamTarget.GATEWAY, streams, measured);
        out.line("| %d streams: %s added at %s < %s ms | %s ms | %s |", streams, figure, percentile, number(limit, 0),
                number(added, 2), MarkdownWriter.met(added < limit));
    }

    private static String ttftP99AddedPerRound(StreamResults results, StreamTarget proxy, int streams) {
        return Arrays.stream(results.addedPerRound(proxy, streams, StreamRun::ttftP99Millis))
                .mapToObj(added -> number(added, 2)).collect(Collectors.joining(" / "));
    }

    private static String number(double value, int decimals) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }
}
