package dev.embedgate.bench.report;

import dev.embedgate.bench.ProviderBenchOptions;
import dev.embedgate.bench.distribution.DistributionPlan;
import dev.embedgate.bench.distribution.DistributionResult;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The distribution benchmark's section of docs/benchmarks.md: the full jar beside the slim one. */
public final class DistributionReport {

    /**
     * @param results      the full jar on its embedded default, the full jar serving a remote model, the slim jar
     *                     serving it, in that order
     * @param loadAverage  the machine's load average over the minute before the run (other processes' work)
     */
    public String render(MachineInfo machine, RunInfo run, DistributionPlan plan, List<DistributionResult> results,
                         double loadAverage) {
        var out = new MarkdownWriter();
        out.header("Distributions: the full jar and the slim jar", machine, run);
        out.line("- Load average (1 min) when the run started: %.1f", loadAverage);
        out.line();
        out.line("Each system is started %d times as its own process (`java -jar` with the launcher's JVM options, "
                + "`" + ProviderBenchOptions.launcherJvmOptionsText() + "`, and `MALLOC_ARENA_MAX=2`), the systems in "
                + "turn, each start with an empty data folder. Ready: from the process's start until `/ready` answers "
                + "200 (for the embedded "
                + "default, once the model is loaded). Idle: resident memory (VmRSS) %d s after that. After requests: "
                + "resident memory after %d requests of one short text each, one after the other. Figures are medians "
                + "over the starts; every start's are listed below. The remote model is OpenAI's text-embedding-3-small "
                + "from the provider simulator, on loopback.", plan.starts(), plan.settle().toSeconds(), plan.requests());
        out.line();
        out.line("| system | jar MB | ready s | idle resident MB | after %d requests MB |", plan.requests());
        out.line("|---|---:|---:|---:|---:|");
        for (DistributionResult result : results) {
            out.line("| %s | %.0f | %.2f | %.0f | %.0f |", result.system(), result.jarBytes() / 1e6,
                    DistributionResult.median(result.readySeconds()), DistributionResult.median(result.idleMb()),
                    DistributionResult.median(result.afterMb()));
        }
        out.line();
        DistributionResult embedded = results.get(0);
        DistributionResult fullRemote = results.get(1);
        DistributionResult slim = results.get(2);
        out.line("The slim jar is %.0f MB smaller (%.0f%% of the full one): it leaves out the four models' weights and "
                + "ONNX Runtime's macOS debug symbols. Serving the same remote model, the two jars start in %.2f and "
                + "%.2f s and hold %.0f and %.0f MB idle: the full jar loads a model only when it is used, so what the "
                + "slim one saves is disk and image size. Against the embedded default, which loads all-MiniLM-L6-v2 "
                + "at start, a remote-only server holds %.0f MB less.",
                (embedded.jarBytes() - slim.jarBytes()) / 1e6, 100.0 * slim.jarBytes() / embedded.jarBytes(),
                DistributionResult.median(fullRemote.readySeconds()), DistributionResult.median(slim.readySeconds()),
                DistributionResult.median(fullRemote.idleMb()), DistributionResult.median(slim.idleMb()),
                DistributionResult.median(embedded.idleMb()) - DistributionResult.median(slim.idleMb()));
        out.line();
        out.line("Every start (ready s / idle MB / after MB):");
        out.line();
        for (DistributionResult result : results) {
            String starts = IntStream.range(0, result.readySeconds().size())
                    .mapToObj(i -> String.format(Locale.ROOT, "%.2f / %.0f / %.0f", result.readySeconds().get(i),
                            result.idleMb().get(i), result.afterMb().get(i)))
                    .collect(Collectors.joining("; "));
            out.line("- %s: %s", result.system(), starts);
        }
        return out.text();
    }
}
