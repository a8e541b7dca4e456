package dev.embedgate.bench.providers;

import dev.embedgate.bench.corpus.Corpus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the remote-provider benchmarks of issue 3 (gateway overhead, failover, a Redis-shared rate limit), each
 * against its own provider simulator and gateways, all separate processes on loopback, one after the other.
 */
public final class ProviderBenchmarks {

    private final PrintStream progress;

    public ProviderBenchmarks(PrintStream progress) {
        this.progress = progress;
    }

    /**
     * @param overhead   null to skip
     * @param failover   null to skip
     * @param rateLimit  null to skip
     * @param gatewayJfr folder for a flight recording of each gateway; null for none
     */
    public ProviderResults run(Corpus corpus, Path serverJar, List<String> jvmOptions, Path gatewayJfr, Path workDir,
                               OverheadPlan overhead, FailoverPlan failover, RateLimitPlan rateLimit)
            throws IOException, InterruptedException {
        List<String> texts = corpus.shortTexts();
        EmbedGateJar jar = EmbedGateJar.snapshot(serverJar, jvmOptions, gatewayJfr, workDir);
        progress.printf("providers: %d short texts; processes run %s %s (logs in %s)%n", texts.size(), String.join(" ", jvmOptions),
                serverJar, workDir);
        OverheadResults overheadResults = overhead == null ? null : new OverheadBenchmark(overhead, progress).run(jar, texts);
        FailoverResults failoverResults = failover == null ? null : new FailoverBenchmark(failover, progress).run(jar, texts);
        RateLimitResults rateLimitResults = rateLimit == null ? null : new RateLimitBenchmark(rateLimit, progress).run(jar, texts);
        return new ProviderResults(jvmOptions, texts.size(), overheadResults, failoverResults, rateLimitResults);
    }
}
