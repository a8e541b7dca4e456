package dev.embedgate.bench;

import dev.embedgate.bench.bulk.BulkBenchmark;
import dev.embedgate.bench.bulk.BulkPlan;
import dev.embedgate.bench.bulk.BulkResults;
import dev.embedgate.bench.bulk.BulkSystems;
import dev.embedgate.bench.bulk.MiniLmVariant;
import dev.embedgate.bench.corpus.Corpus;
import dev.embedgate.bench.corpus.CorpusReader;
import dev.embedgate.bench.report.DocSection;
import dev.embedgate.bench.report.MachineInfo;
import dev.embedgate.bench.report.MarkdownReport;
import dev.embedgate.bench.report.RunInfo;
import dev.embedgate.bench.server.ServerBenchmark;
import dev.embedgate.bench.server.ServerPlan;
import dev.embedgate.bench.server.ServerResults;
import dev.embedgate.provider.local.InferenceSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;

/** Runs EmbedGate's benchmarks (bulk in-process, then the server over HTTP) and writes the report. */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(BenchOptions.USAGE);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        run(options);
    }

    private static void run(BenchOptions options) throws Exception {
        Instant started = Instant.now();
        MachineInfo machine = MachineInfo.probe();
        Corpus fullCorpus = new CorpusReader().read(options.dataDir().resolve(CorpusReader.DEBIAN_DESCRIPTIONS));
        Corpus corpus = options.texts() > 0 ? fullCorpus.evenSample(options.texts()) : fullCorpus;
        System.err.printf("EmbedGate benchmark: %d of %d corpus texts, %d cores, %s%n", corpus.size(), fullCorpus.size(),
                machine.cores(), options.quick() ? "quick run" : "full run");

        BulkResults bulk = options.bulk() ? new BulkBenchmark(bulkPlan(options, corpus), System.err).run(corpus) : null;

        ServerResults server = null;
        String serverNote = "skipped (--skip-server)";
        if (options.server()) {
            if (Files.isRegularFile(options.serverJar())) {
                server = new ServerBenchmark(serverPlan(options), System.err).run(corpus, fullCorpus);
            } else {
                serverNote = "the server jar " + options.serverJar() + " does not exist";
                System.err.println("server   not measured: " + serverNote);
            }
        }

        var run = new RunInfo(started, Duration.between(started, Instant.now()), options.command(), options.quick());
        String report = new MarkdownReport().render(machine, run, bulk, server, serverNote);
        Files.createDirectories(options.report().getParent());
        Files.writeString(options.report(), report);
        System.out.println(report);
        System.err.println("report written to " + options.report());
        if (options.writesDocs()) {
            new DocSection("local-provider").rewrite(options.docs(), report);
            System.err.println("section 'local-provider' of " + options.docs() + " rewritten");
        } else {
            System.err.println(options.docs() + " left as it was (quick, partial or tuned run, or --no-docs)");
        }
    }

    private static BulkPlan bulkPlan(BenchOptions options, Corpus corpus) {
        var settings = new EnumMap<MiniLmVariant, InferenceSettings>(MiniLmVariant.class);
        for (MiniLmVariant variant : options.variants()) {
            settings.put(variant, options.settings().getOrDefault(variant, BulkSystems.defaultSettings(variant)));
        }
        return new BulkPlan(options.variants(), corpus.size(), options.rounds(), options.wholeCorpusPerRound(),
                options.warmUpTexts(), options.requestSize(), options.inFlight(), settings);
    }

    private static ServerPlan serverPlan(BenchOptions options) {
        Path log = options.report().resolveSibling("bench-server.log");
        return new ServerPlan(options.serverJar(), options.serverLauncher(), log, "all-MiniLM-L6-v2", List.of(1, 8, 32), 32,
                options.serverWarmUp(), options.serverMeasure(), 64, 4, Duration.ofSeconds(180));
    }
}
