package dev.embedgate.bench.distribution;

import dev.embedgate.bench.ProviderBenchOptions;
import dev.embedgate.bench.providers.EmbedGateJar;
import dev.embedgate.bench.providers.Simulator;
import dev.embedgate.bench.server.EmbeddingsClient;
import dev.embedgate.bench.server.ServerProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The full and the slim jar side by side, as users start them: size, time from the process's start to {@code /ready},
 * resident memory once idle and after a few requests. The full jar is measured on its embedded default (the local
 * all-MiniLM-L6-v2, loaded at start) and, like the slim jar, serving a remote model only (OpenAI's, from the
 * provider simulator, itself run from the full jar). Starts of the systems alternate, so that a noisy moment of the
 * machine does not fall on one system only.
 */
public final class DistributionBenchmark {

    private final DistributionPlan plan;
    private final PrintStream progress;

    public DistributionBenchmark(DistributionPlan plan, PrintStream progress) {
        this.plan = plan;
        this.progress = progress;
    }

    /** A system under test: a jar, the environment it is started with, and the model its requests name. */
    private record Subject(String name, Path builtJar, EmbedGateJar jar, Map<String, String> environment, String model) {
    }

    public List<DistributionResult> run(Path fullJar, Path slimJar, Path workDir) throws IOException {
        EmbedGateJar full = EmbedGateJar.snapshot(fullJar, ProviderBenchOptions.LAUNCHER_JVM_OPTIONS, null,
                workDir.resolve("full"));
        EmbedGateJar slim = EmbedGateJar.snapshot(slimJar, ProviderBenchOptions.LAUNCHER_JVM_OPTIONS, null,
                workDir.resolve("slim"));
        try (Simulator simulator = full.simulator("simulator", null)) {
            // What the launcher sets besides the JVM options (see the embedgate script).
            Map<String, String> local = Map.of("EMBEDDING_PROVIDER", "local", "MALLOC_ARENA_MAX", "2");
            Map<String, String> remote = Map.of("EMBEDDING_PROVIDER", "openai", "OPENAI_API_KEY", Simulator.API_KEY,
                    "OPENAI_BASE_URL", simulator.openAiBaseUrl().toString(), "MALLOC_ARENA_MAX", "2");
            List<Subject> subjects = List.of(
                    new Subject("full jar, embedded default (local all-MiniLM-L6-v2)", fullJar, full, local,
                            "all-MiniLM-L6-v2"),
                    new Subject("full jar, remote model only (text-embedding-3-small)", fullJar, full, remote,
                            "text-embedding-3-small"),
                    new Subject("slim jar, remote model only (text-embedding-3-small)", slimJar, slim, remote,
                            "text-embedding-3-small"));
            var measured = new LinkedHashMap<Subject, List<double[]>>();
            subjects.forEach(subject -> measured.put(subject, new ArrayList<>()));
            for (int start = 1; start <= plan.starts(); start++) {
                for (Subject subject : subjects) {
                    double[] figures = measure(subject, start);
                    measured.get(subject).add(figures);
                    progress.printf("distribution %-55s start %d/%d: ready in %.2f s, idle %.0f MB, after %d requests "
                            + "%.0f MB%n", subject.name(), start, plan.starts(), figures[0], figures[1], plan.requests(),
                            figures[2]);
                }
            }
            var results = new ArrayList<DistributionResult>();
            for (var entry : measured.entrySet()) {
                List<double[]> starts = entry.getValue();
                results.add(new DistributionResult(entry.getKey().name(), Files.size(entry.getKey().builtJar()),
                        starts.stream().map(f -> f[0]).toList(), starts.stream().map(f -> f[1]).toList(),
                        starts.stream().map(f -> f[2]).toList()));
            }
            return results;
        }
    }

    /** One start: seconds to ready, idle resident MB, resident MB after the requests. */
    private double[] measure(Subject subject, int start) throws IOException {
        try (ServerProcess server = subject.jar().gateway(slug(subject.name()) + "-" + start, subject.environment(),
                null)) {
            double ready = server.readyAfter().toNanos() / 1e9;
            sleep(plan.settle().toMillis());
            double idle = server.memory().residentMegabytes();
            var client = new EmbeddingsClient(server.baseUri(), subject.model());
            try {
                for (int i = 0; i < plan.requests(); i++) {
                    client.embed(List.of("distribution benchmark, start " + start + ", request " + i));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            return new double[] {ready, idle, server.memory().residentMegabytes()};
        }
    }

    private static String slug(String name) {
        return name.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-+$", "").toLowerCase(Locale.ROOT);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
