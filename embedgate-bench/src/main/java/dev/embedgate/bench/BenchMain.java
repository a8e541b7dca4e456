package dev.embedgate.bench;

import dev.embedgate.bench.bulk.BulkBenchmark;
import dev.embedgate.bench.chat.StreamBenchmark;
import dev.embedgate.bench.chat.StreamResults;
import dev.embedgate.bench.memory.MachineLoad;
import dev.embedgate.bench.rerank.RerankBenchmark;
import dev.embedgate.bench.rerank.RerankResults;
import dev.embedgate.bench.rerank.RerankSystem;
import dev.embedgate.bench.rerank.RerankWorkload;
import dev.embedgate.bench.report.ChatRerankReport;
import dev.embedgate.bench.bulk.BulkPlan;
import dev.embedgate.bench.bulk.BulkResults;
import dev.embedgate.bench.bulk.BulkSystems;
import dev.embedgate.bench.bulk.MiniLmVariant;
import dev.embedgate.bench.cache.CacheBenchmarks;
import dev.embedgate.bench.cache.CacheResults;
import dev.embedgate.bench.corpus.Corpus;
import dev.embedgate.bench.corpus.CorpusReader;
import dev.embedgate.bench.distribution.DistributionBenchmark;
import dev.embedgate.bench.distribution.DistributionResult;
import dev.embedgate.bench.memory.MemoryBenchmark;
import dev.embedgate.bench.memory.MemoryResults;
import dev.embedgate.bench.migration.MigrationBenchmarks;
import dev.embedgate.bench.migration.MigrationResults;
import dev.embedgate.bench.overload.BareOnnx;
import dev.embedgate.bench.overload.OverloadBenchmark;
import dev.embedgate.bench.overload.SystemRound;
import dev.embedgate.bench.providers.EmbedGateJar;
import dev.embedgate.bench.providers.ProviderBenchmarks;
import dev.embedgate.bench.providers.ProviderResults;
import dev.embedgate.bench.report.CacheReport;
import dev.embedgate.bench.report.DistributionReport;
import dev.embedgate.bench.report.DocSection;
import dev.embedgate.bench.report.MachineInfo;
import dev.embedgate.bench.report.MarkdownReport;
import dev.embedgate.bench.report.MemoryReport;
import dev.embedgate.bench.report.MigrationReport;
import dev.embedgate.bench.report.OverloadReport;
import dev.embedgate.bench.report.ProvidersReport;
import dev.embedgate.bench.report.RunInfo;
import dev.embedgate.bench.server.ServerBenchmark;
import dev.embedgate.bench.server.ServerPlan;
import dev.embedgate.bench.server.ServerResults;
import dev.embedgate.provider.local.BuiltInModels;
import dev.embedgate.provider.local.InferenceSettings;
import dev.embedgate.provider.local.LocalModelSpec;
import dev.embedgate.provider.local.LocalModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Map;
import java.util.EnumMap;
import java.util.List;
import java.util.function.Function;

/**
 * Runs EmbedGate's benchmarks and writes the report: by default the local provider's (bulk in-process, then the
 * server over HTTP); with {@code --providers} the remote providers' (gateway overhead, failover, shared rate limit);
 * with {@code --cache} the cache's (the hit path against a static route, a corpus replay with repeats); with
 * {@code --overload} large requests against the embedded default; with {@code --distribution} the full jar beside the
 * slim one (size, start-up, memory); with {@code --memory} the vector memory (recall and queries/s of both stores
 * beside plain JDBC and LangChain4j, ingest); with {@code --migration} re-embedding migrations (backfill throughput
 * against the raw embedder, the share of a rate-limited provider and online latency beside it); with
 * {@code --chat-rerank} reranking (the local cosine ranker, a simulated remote reranker through EmbedGate and
 * directly) and streamed chat (time to first token and between tokens, through EmbedGate and directly).
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean providers = List.of(args).contains("--providers");
        boolean cache = List.of(args).contains("--cache");
        boolean overload = List.of(args).contains("--overload");
        boolean distribution = List.of(args).contains("--distribution");
        boolean memory = List.of(args).contains("--memory");
        boolean migration = List.of(args).contains("--migration");
        boolean chatRerank = List.of(args).contains("--chat-rerank");
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(providers ? ProviderBenchOptions.USAGE : cache ? CacheBenchOptions.USAGE
                    : overload ? OverloadBenchOptions.USAGE : distribution ? DistributionBenchOptions.USAGE
                    : memory ? MemoryBenchOptions.USAGE : migration ? MigrationBenchOptions.USAGE
                    : chatRerank ? ChatRerankBenchOptions.USAGE : BenchOptions.USAGE);
            return;
        }
        if (chatRerank) {
            runChatRerank(parsed(args, ChatRerankBenchOptions::parse, ChatRerankBenchOptions.USAGE));
            return;
        }
        if (migration) {
            runMigration(parsed(args, MigrationBenchOptions::parse, MigrationBenchOptions.USAGE));
            return;
        }
        if (memory) {
            runMemory(parsed(args, MemoryBenchOptions::parse, MemoryBenchOptions.USAGE));
            return;
        }
        if (distribution) {
            runDistribution(parsed(args, DistributionBenchOptions::parse, DistributionBenchOptions.USAGE));
            return;
        }
        if (overload) {
            runOverload(parsed(args, OverloadBenchOptions::parse, OverloadBenchOptions.USAGE));
            return;
        }
        if (cache) {
            runCache(parsed(args, CacheBenchOptions::parse, CacheBenchOptions.USAGE));
            return;
        }
        if (providers) {
            runProviders(parsed(args, ProviderBenchOptions::parse, ProviderBenchOptions.USAGE));
            return;
        }
        run(parsed(args, BenchOptions::parse, BenchOptions.USAGE));
    }

    private static <T> T parsed(String[] args, Function<String[], T> parser, String usage) {
        try {
            return parser.apply(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(usage);
            System.exit(2);
            throw e;
        }
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
        writeReport(new MarkdownReport().render(machine, run, bulk, server, serverNote), options.report(), options.docs(),
                options.writesDocs() ? "local-provider" : null);
    }

    private static void runProviders(ProviderBenchOptions options) throws Exception {
        Instant started = Instant.now();
        MachineInfo machine = MachineInfo.probe();
        Corpus corpus = new CorpusReader().read(options.dataDir().resolve(CorpusReader.DEBIAN_DESCRIPTIONS));
        System.err.printf("EmbedGate remote-provider benchmark: %d cores, %s%n", machine.cores(), options.quick() ? "quick run" : "full run");
        ProviderResults results = new ProviderBenchmarks(System.err).run(corpus, options.serverJar(), options.jvmOptions(),
                options.gatewayJfr(), options.workDir(), options.overhead(), options.failover(), options.rateLimit());
        var run = new RunInfo(started, Duration.between(started, Instant.now()), options.command(), options.quick());
        writeReport(new ProvidersReport().render(machine, run, results), options.report(), options.docs(),
                options.writesDocs() ? "providers" : null);
    }

    private static void runCache(CacheBenchOptions options) throws Exception {
        Instant started = Instant.now();
        MachineInfo machine = MachineInfo.probe();
        Corpus corpus = new CorpusReader().read(options.dataDir().resolve(CorpusReader.DEBIAN_DESCRIPTIONS));
        System.err.printf("EmbedGate cache benchmark: %d cores, %s%n", machine.cores(), options.quick() ? "quick run" : "full run");
        CacheResults results = new CacheBenchmarks(options.plan(), System.err).run(options.serverJar(), options.jvmOptions(),
                options.workDir(), corpus.strings(), corpus.shortTexts().getFirst());
        var run = new RunInfo(started, Duration.between(started, Instant.now()), options.command(), options.quick());
        writeReport(new CacheReport().render(machine, run, options.jvmOptions(), results), options.report(),
                options.docs(), options.writesDocs() ? "cache" : null);
    }

    private static void runOverload(OverloadBenchOptions options) throws Exception {
        Instant started = Instant.now();
        MachineInfo machine = MachineInfo.probe();
        Corpus corpus = new CorpusReader().read(options.dataDir().resolve(CorpusReader.DEBIAN_DESCRIPTIONS));
        List<String> shortTexts = corpus.shortTexts();
        List<String> words = corpus.strings().stream().flatMap(text -> Arrays.stream(text.split("\\s+")))
                .filter(word -> !word.isBlank()).distinct().toList();
        System.err.printf("EmbedGate overload benchmark: %d cores, %s%n", machine.cores(), options.quick() ? "quick run" : "full run");
        LocalModelSpec minilm = BuiltInModels.all(LocalModels.defaultCacheDir()).stream()
                .filter(spec -> spec.name().equals(BuiltInModels.MINILM)).findFirst().orElseThrow();
        var bare = new ArrayList<Double>();
        for (int round = 0; round < options.plan().rounds(); round++) {
            bare.add(BareOnnx.medianMillis(minilm, shortTexts, 2));
        }
        double bareMillis = bare.stream().sorted().toList().get((bare.size() - 1) / 2);
        System.err.printf("overload bare ONNX Runtime call, 2 intra-op threads: %.2f ms (median of %s)%n", bareMillis, bare);

        Path work = options.workDir();
        var systems = new ArrayList<OverloadBenchmark.BenchedSystem>();
        // What each launcher adds: the current one sets MALLOC_ARENA_MAX=2 (see the embedgate script).
        systems.add(new OverloadBenchmark.BenchedSystem("EmbedGate", EmbedGateJar.snapshot(options.serverJar(),
                ProviderBenchOptions.LAUNCHER_JVM_OPTIONS, null, work.resolve("current")), Map.of("MALLOC_ARENA_MAX", "2")));
        if (options.baselineJar() != null) {
            systems.add(new OverloadBenchmark.BenchedSystem(options.baselineName(), EmbedGateJar.snapshot(
                    options.baselineJar(), ProviderBenchOptions.LAUNCHER_JVM_OPTIONS, null, work.resolve("baseline")), Map.of()));
        }
        List<SystemRound> rounds = new OverloadBenchmark(options.plan(), System.err).run(systems, shortTexts, words);
        var run = new RunInfo(started, Duration.between(started, Instant.now()), options.command(), options.quick());
        writeReport(new OverloadReport().render(machine, run, options.plan(), bareMillis,
                systems.stream().map(OverloadBenchmark.BenchedSystem::name).toList(), rounds), options.report(),
                options.docs(), options.writesDocs() ? "overload" : null);
    }

    private static void runDistribution(DistributionBenchOptions options) throws Exception {
        Instant started = Instant.now();
        MachineInfo machine = MachineInfo.probe();
        double loadAverage = Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        System.err.printf("EmbedGate distribution benchmark: %d cores, load average %.1f, %s%n", machine.cores(),
                loadAverage, options.quick() ? "quick run" : "full run");
        List<DistributionResult> results = new DistributionBenchmark(options.plan(), System.err)
                .run(options.serverJar(), options.slimJar(), options.workDir());
        var run = new RunInfo(started, Duration.between(started, Instant.now()), options.command(), options.quick());
        String report = new DistributionReport().render(machine, run, options.plan(), results, loadAverage);
        writeReport(report, options.report(), options.docs(), options.writesDocs() ? "distribution" : null);
    }

    private static void runMemory(MemoryBenchOptions options) throws Exception {
        Instant started = Instant.now();
        MachineInfo machine = MachineInfo.probe();
        Corpus corpus = new CorpusReader().read(options.dataDir().resolve(CorpusReader.DEBIAN_DESCRIPTIONS));
        System.err.printf("EmbedGate memory benchmark: %,d vectors, %d cores, %s%n", options.plan().baseVectors(),
                machine.cores(), options.quick() ? "quick run" : "full run");
        MemoryResults results = new MemoryBenchmark(options.plan(), options.workDir(), System.err)
                .run(corpus.strings(), options.serverJar());
        var run = new RunInfo(started, Duration.between(started, Instant.now()), options.command(), options.quick());
        writeReport(new MemoryReport().render(machine, run, results), options.report(), options.docs(),
                options.writesDocs() ? "memory" : null);
    }

    private static void runMigration(MigrationBenchOptions options) throws Exception {
        Instant started = Instant.now();
        MachineInfo machine = MachineInfo.probe();
        Corpus corpus = new CorpusReader().read(options.dataDir().resolve(CorpusReader.DEBIAN_DESCRIPTIONS));
        System.err.printf("EmbedGate migration benchmark: %d cores, %s%n", machine.cores(),
                options.quick() ? "quick run" : "full run");
        MigrationResults results = new MigrationBenchmarks(options.workDir(), options.vectorCache(), System.err)
                .run(corpus, options.serverJar(), options.backfill(), options.share(), options.gatewayJfr());
        var run = new RunInfo(started, Duration.between(started, Instant.now()), options.command(), options.quick());
        writeReport(new MigrationReport().render(machine, run, results, MachineInfo.libraryVersion("lucene")),
                options.report(), options.docs(), options.writesDocs() ? "migration" : null);
    }

    private static void runChatRerank(ChatRerankBenchOptions options) throws Exception {
        Instant started = Instant.now();
        MachineInfo machine = MachineInfo.probe();
        Corpus corpus = new CorpusReader().read(options.dataDir().resolve(CorpusReader.DEBIAN_DESCRIPTIONS));
        try (MachineLoad load = MachineLoad.watch()) {
            System.err.printf("EmbedGate rerank and chat benchmark: %d cores, load average %.1f, %s%n", machine.cores(),
                    load.first(), options.quick() ? "quick run" : "full run");
            EmbedGateJar jar = EmbedGateJar.snapshot(options.serverJar(), ProviderBenchOptions.LAUNCHER_JVM_OPTIONS,
                    options.gatewayJfr(), options.workDir()).withGatewayJvmOptions(options.gatewayJvmOptions());
            RerankResults rerank = null;
            String rerankNote = "left out (--only)";
            if (options.rerank() != null) {
                rerank = new RerankBenchmark(options.rerank(), System.err).run(jar,
                        RerankWorkload.of(corpus, options.rerank().candidates(), options.rerank().topN()),
                        List.of(RerankSystem.LOCAL_COLD, RerankSystem.LOCAL_WARM, RerankSystem.GATEWAY,
                                RerankSystem.DIRECT));
            }
            StreamResults chat = null;
            String chatNote = "left out (--only)";
            if (options.chat() != null) {
                try {
                    EmbedGateJar candidate = options.candidate() == null ? null : jar.otherBuild(
                            options.candidate().jar(), "embedgate-candidate.jar", options.candidate().jvmOptions());
                    chat = new StreamBenchmark(options.chat(), System.err).run(jar, candidate, corpus.strings());
                } catch (RuntimeException e) {
                    // The simulator's and the gateway's chat came later than reranking; say why it is missing.
                    chatNote = "the streaming benchmark failed: " + e.getMessage();
                    System.err.println("chat     not measured: " + chatNote);
                }
            }
            var results = new ChatRerankReport.Results(load.first(), load.highest(), load.now(), rerank, rerankNote,
                    chat, chatNote, options.gatewayJvmOptions(), options.candidate());
            var run = new RunInfo(started, Duration.between(started, Instant.now()), options.command(), options.quick());
            writeReport(new ChatRerankReport().render(machine, run, results), options.report(), options.docs(),
                    options.writesDocs() ? "chat-rerank" : null);
        }
    }

    /** Prints the report, saves it to {@code report}, and rewrites the docs section {@code section} unless it is null. */
    private static void writeReport(String report, Path file, Path docs, String section) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
        System.out.println(report);
        System.err.println("report written to " + file);
        if (section != null) {
            new DocSection(section).rewrite(docs, report);
            System.err.println("section '" + section + "' of " + docs + " rewritten");
        } else {
            System.err.println(docs + " left as it was (quick, partial or tuned run, or --no-docs)");
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
