package dev.embedgate.bench.migration;

import dev.embedgate.bench.ProviderBenchOptions;
import dev.embedgate.bench.corpus.Corpus;
import dev.embedgate.bench.memory.CorpusEmbeddings;
import dev.embedgate.bench.memory.MachineLoad;
import dev.embedgate.bench.providers.EmbedGateJar;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the migration benchmark of issue 12: backfill throughput to the local bge-small-en-v1.5 against the raw
 * embedder ({@link BackfillBenchmark}), then a migration to a rate-limited simulated provider beside online traffic
 * ({@link ShareBenchmark}), one after the other, with the machine's load watched throughout.
 */
public final class MigrationBenchmarks {

    private final Path workDir;
    private final Path vectorCache;
    private final PrintStream progress;

    /** @param vectorCache where the corpus's all-MiniLM-L6-v2 vectors are cached */
    public MigrationBenchmarks(Path workDir, Path vectorCache, PrintStream progress) {
        this.workDir = workDir;
        this.vectorCache = vectorCache;
        this.progress = progress;
    }

    /**
     * @param backfill   null to skip
     * @param share      null to skip
     * @param gatewayJfr folder for a flight recording of the gateway process; null for none
     */
    public MigrationResults run(Corpus corpus, Path serverJar, BackfillPlan backfill, SharePlan share, Path gatewayJfr)
            throws IOException, InterruptedException {
        List<String> texts = corpus.strings();
        List<String> onlineTexts = corpus.shortTexts();
        List<String> jvmOptions = ProviderBenchOptions.LAUNCHER_JVM_OPTIONS;
        try (MachineLoad load = MachineLoad.watch()) {
            float[][] vectors = new CorpusEmbeddings(vectorCache, progress).of(texts);
            BackfillResults backfillResults = backfill == null ? null
                    : new BackfillBenchmark(backfill, workDir, progress).run(texts, vectors);
            ShareResults shareResults = null;
            if (share != null) {
                if (Files.isRegularFile(serverJar)) {
                    EmbedGateJar jar = EmbedGateJar.snapshot(serverJar, jvmOptions, gatewayJfr, workDir.resolve("processes"));
                    shareResults = new ShareBenchmark(share, progress).run(jar, texts, vectors, onlineTexts);
                } else {
                    shareResults = ShareResults.notMeasured(share, "the server jar " + serverJar + " does not exist");
                    progress.println("migration share not measured: no server jar at " + serverJar);
                }
            }
            return new MigrationResults(backfillResults, shareResults, texts.size(), onlineTexts.size(), jvmOptions,
                    load.first(), load.highest(), load.now());
        }
    }
}
