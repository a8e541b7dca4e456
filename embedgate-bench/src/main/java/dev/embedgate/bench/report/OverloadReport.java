package dev.embedgate.bench.report;

import dev.embedgate.bench.ProviderBenchOptions;
import dev.embedgate.bench.overload.OverloadPlan;
import dev.embedgate.bench.overload.SystemRound;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The overload benchmark's section of docs/benchmarks.md. */
public final class OverloadReport {

    /** Issue 9: a lone short text within this factor of a bare ONNX Runtime call plus the HTTP floor. */
    public static final double MAX_LONE_FACTOR = 1.5;
    /** Issue 9: 32 clients' throughput kept (this share of the baseline's, allowing for noise). */
    public static final double MIN_BUSY_SHARE = 0.95;

    public String render(MachineInfo machine, RunInfo run, OverloadPlan plan, double bareOnnxMillis,
                         List<String> systems, List<SystemRound> rounds) {
        var out = new MarkdownWriter();
        out.header("Overload: large requests against the embedded default", machine, run);
        out.line();
        out.line("Each system is started as its own process with the launcher's JVM options (`"
                + ProviderBenchOptions.launcherJvmOptionsText() + "`), "
                + "the cache off and an empty data folder, %d round(s), the systems in alternating order; figures are "
                + "medians over the rounds (peak memory: the highest). Per round, one server runs, in turn: `GET /health` "
                + "and then one short text per request from 1 client, then from 32 clients (%d s warm-up, %d s measured "
                + "each); then short texts from 1 client for %d s while %d clients send requests of %d texts of %,d "
                + "characters back to back. A second server then gets the worst valid mix: %d clients at once, each "
                + "sending %,d texts of %,d characters (%.0f MB of JSON, the request limit), which give up after %d s "
                + "and close their connections, while `GET /health` is probed every 100 ms; then one short text is "
                + "sent and timed (up to %d s).", plan.rounds(), plan.warmUp().toSeconds(), plan.measure().toSeconds(),
                plan.measure().toSeconds() * 2, plan.largeClients(), plan.largeTexts(), plan.largeChars(),
                plan.worstClients(), plan.worstTexts(), plan.worstChars(),
                plan.worstTexts() * (plan.worstChars() + 3) / 1e6, plan.giveUp().toSeconds(), plan.recoveryCap().toSeconds());
        out.line();
        out.line("| system | 1 client p50 ms | /health p50 ms | 32 clients texts/s | short texts beside large: p50 ms | p99 ms | "
                + "answered | large answered / refused | worst mix: peak resident MB | /health p99 ms | max ms | "
                + "worst requests got | next short text ms |");
        out.line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|");
        for (String system : systems) {
            List<SystemRound> mine = rounds.stream().filter(r -> r.system().equals(system)).toList();
            SystemRound last = mine.getLast();
            out.line("| %s | %.1f | %.2f | %.1f | %s | %s | %d | %d / %d | %.0f | %s | %s | %s | %s |", system,
                    median(mine, r -> r.lone().p50Millis()), median(mine, r -> r.healthFloor().p50Millis()),
                    median(mine, r -> r.busy().textsPerSecond()),
                    millis(median(mine, r -> r.smallBesideLarge().p50Millis())),
                    millis(median(mine, r -> r.smallBesideLarge().p99Millis())),
                    (int) median(mine, r -> r.smallBesideLarge().count()),
                    (int) median(mine, SystemRound::largeAnswered), (int) median(mine, SystemRound::largeRefused),
                    mine.stream().mapToDouble(SystemRound::worstPeakMb).max().orElseThrow(),
                    millis(median(mine, r -> r.healthDuringWorst().percentileMillis(99))),
                    millis(median(mine, r -> r.healthDuringWorst().maxMillis())), last.worstOutcome(),
                    recovery(median(mine, SystemRound::recoveryMillis), plan));
        }
        out.line();
        out.line("A bare ONNX Runtime call in the benchmark's process (the same graph, default session options, 2 intra-op "
                + "threads, tokenizing and running one short text): **%.2f ms** (median).", bareOnnxMillis);
        out.line();
        String current = systems.getFirst();
        List<SystemRound> mine = rounds.stream().filter(r -> r.system().equals(current)).toList();
        double lone = median(mine, r -> r.lone().p50Millis());
        double floor = bareOnnxMillis + median(mine, r -> r.healthFloor().p50Millis());
        out.line("| target (issue #9) | measured | met |");
        out.line("|---|---:|---|");
        out.line("| 1 client p50 <= %.1fx (bare ONNX Runtime call + /health p50) = %.2f ms | %.2f ms (%.2fx) | %s |",
                MAX_LONE_FACTOR, MAX_LONE_FACTOR * floor, lone, lone / floor, MarkdownWriter.met(lone <= MAX_LONE_FACTOR * floor));
        if (systems.size() > 1) {
            String baseline = systems.get(1);
            List<SystemRound> theirs = rounds.stream().filter(r -> r.system().equals(baseline)).toList();
            double busy = median(mine, r -> r.busy().textsPerSecond());
            double before = median(theirs, r -> r.busy().textsPerSecond());
            out.line("| 32 clients' throughput kept: >= %.2f x %s's | %.2fx | %s |", MIN_BUSY_SHARE, baseline,
                    busy / before, MarkdownWriter.met(busy >= MIN_BUSY_SHARE * before));
        }
        return out.text();
    }

    private static String millis(double value) {
        return value >= 1e12 ? "no answer" : String.format(java.util.Locale.ROOT, "%.1f", value);
    }

    private static String recovery(double millis, OverloadPlan plan) {
        return millis >= plan.recoveryCap().toMillis() ? "> " + plan.recoveryCap().toSeconds() * 1000 : String.format(
                java.util.Locale.ROOT, "%.1f", millis);
    }

    private static double median(List<SystemRound> rounds, ToDoubleFunction<SystemRound> figure) {
        double[] values = rounds.stream().mapToDouble(figure).sorted().toArray();
        return values.length == 0 ? Double.NaN : values[(values.length - 1) / 2];
    }
}
