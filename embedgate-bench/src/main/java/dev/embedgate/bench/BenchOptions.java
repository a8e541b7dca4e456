package dev.embedgate.bench;

import dev.embedgate.bench.bulk.MiniLmVariant;
import dev.embedgate.provider.local.InferenceSettings;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The command line of the benchmark. A full run (no options) measures everything and rewrites its section of
 * docs/benchmarks.md; {@code --quick} runs on a small sample with short windows and never touches the docs.
 *
 * @param texts    texts sampled evenly from the corpus; 0 for all of them
 * @param settings EmbedGate inference settings that replace the defaults, per variant (for tuning experiments)
 */
public record BenchOptions(boolean quick, boolean bulk, boolean server, boolean docsAllowed, int texts, int rounds,
                           boolean wholeCorpusPerRound, int warmUpTexts, int requestSize, int inFlight,
                           List<MiniLmVariant> variants, Map<MiniLmVariant, InferenceSettings> settings,
                           Path dataDir, Path serverJar, Path serverLauncher, Path docs, Path report, Duration serverWarmUp,
                           Duration serverMeasure, String command) {

    public static final String USAGE = """
            Usage: scripts/bench.sh [options]
              --quick                 small sample, short windows, 1-2 minutes; never rewrites docs/benchmarks.md
              --no-docs               do not rewrite docs/benchmarks.md (the report still goes to the console and target/)
              --skip-bulk             server benchmark only (implies --no-docs)
              --skip-server           bulk benchmark only (implies --no-docs)
              --texts N               sample N texts evenly from the corpus (default: all; --quick: 300)
              --rounds N              measured rounds (default 3)
              --whole-corpus          every round embeds all texts (default: round r embeds the r-th interleaved slice)
              --warm-up-texts N       texts in each case's warm-up run (default 400; --quick: 60)
              --request-size N        texts per EmbedGate request in the bulk run (default 256)
              --in-flight N           EmbedGate requests in flight in the bulk run (default 4)
              --variants fp32,int8    which all-MiniLM-L6-v2 weights to measure (default both)
              --fp32-settings W,I,B,T EmbedGate inference settings instead of the defaults: workers, intra-op threads,
              --int8-settings W,I,B,T   max batch texts, max batch tokens (for tuning; implies --no-docs)
              --server-seconds W,M    warm-up and measured seconds per server load run (default 5,10; --quick: 1,3)
              --server-jar PATH       the server jar (default embedgate-server/target/embedgate.jar)
              --data-dir PATH         folder holding corpus/ (default: -Dembedgate.data.dir, else ../shared/data)
              --docs PATH             the document to rewrite (default docs/benchmarks.md)
              --command TEXT          the command shown in the report
            """;

    public BenchOptions {
        variants = List.copyOf(variants);
        settings = Map.copyOf(settings);
    }

    public boolean writesDocs() {
        return docsAllowed && !quick && bulk && server && settings.isEmpty();
    }

    public static BenchOptions parse(String[] args) {
        boolean quick = Arrays.asList(args).contains("--quick");
        Path root = repositoryRoot();
        boolean bulk = true;
        boolean server = true;
        boolean docs = true;
        int texts = quick ? 300 : 0;
        int rounds = 3;
        boolean wholeCorpus = false;
        int warmUpTexts = quick ? 60 : 400;
        int requestSize = 256;
        int inFlight = 4;
        List<MiniLmVariant> variants = List.of(MiniLmVariant.values());
        var settings = new EnumMap<MiniLmVariant, InferenceSettings>(MiniLmVariant.class);
        String dataProperty = System.getProperty("embedgate.data.dir");
        Path dataDir = dataProperty != null ? Path.of(dataProperty) : root.resolve("../shared/data").normalize();
        Path serverJar = root.resolve("embedgate-server/target/embedgate.jar");
        Path docsFile = root.resolve("docs/benchmarks.md");
        Duration serverWarmUp = Duration.ofSeconds(quick ? 1 : 5);
        Duration serverMeasure = Duration.ofSeconds(quick ? 3 : 10);
        String command = "scripts/bench.sh" + (args.length == 0 ? "" : " " + String.join(" ", args));

        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--quick" -> { }
                case "--no-docs" -> docs = false;
                case "--skip-bulk" -> bulk = false;
                case "--skip-server" -> server = false;
                case "--whole-corpus" -> wholeCorpus = true;
                case "--texts" -> texts = positive(option, value(args, ++i, option));
                case "--rounds" -> rounds = positive(option, value(args, ++i, option));
                case "--warm-up-texts" -> warmUpTexts = positive(option, value(args, ++i, option));
                case "--request-size" -> requestSize = positive(option, value(args, ++i, option));
                case "--in-flight" -> inFlight = positive(option, value(args, ++i, option));
                case "--variants" -> variants = variants(value(args, ++i, option));
                case "--fp32-settings" -> settings.put(MiniLmVariant.FP32, settings(option, value(args, ++i, option)));
                case "--int8-settings" -> settings.put(MiniLmVariant.INT8, settings(option, value(args, ++i, option)));
                case "--server-seconds" -> {
                    String[] seconds = value(args, ++i, option).split(",");
                    if (seconds.length != 2) {
                        throw new IllegalArgumentException("--server-seconds takes WARMUP,MEASURED, e.g. 5,15");
                    }
                    serverWarmUp = Duration.ofSeconds(positive(option, seconds[0]));
                    serverMeasure = Duration.ofSeconds(positive(option, seconds[1]));
                }
                case "--server-jar" -> serverJar = Path.of(value(args, ++i, option));
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, option));
                case "--docs" -> docsFile = Path.of(value(args, ++i, option));
                case "--command" -> command = value(args, ++i, option);
                default -> throw new IllegalArgumentException("unknown option '" + option + "'");
            }
        }
        Path report = root.resolve("embedgate-bench/target/bench-report.md");
        return new BenchOptions(quick, bulk, server, docs, texts, rounds, wholeCorpus, warmUpTexts, requestSize, inFlight,
                variants, settings, dataDir, serverJar, root.resolve("embedgate"), docsFile, report, serverWarmUp, serverMeasure, command);
    }

    /** The repository this benchmark was built in: two folders up from target/classes or the jar in target/. */
    static Path repositoryRoot() {
        try {
            Path location = Path.of(BenchOptions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path module = location.getParent().getParent();
            if (module != null && Files.isRegularFile(module.resolve("pom.xml")) && module.getParent() != null) {
                return module.getParent();
            }
        } catch (URISyntaxException | RuntimeException e) {
            // Fall through to the working directory.
        }
        return Path.of("").toAbsolutePath();
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int positive(String option, String value) {
        return Arguments.positiveNumber(option, value);
    }

    private static List<MiniLmVariant> variants(String value) {
        var variants = new ArrayList<MiniLmVariant>();
        for (String name : value.split(",")) {
            variants.add(Arrays.stream(MiniLmVariant.values()).filter(v -> v.label().equals(name.trim().toLowerCase(Locale.ROOT)))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("--variants takes fp32 and/or int8, got '" + name + "'")));
        }
        return variants;
    }

    private static InferenceSettings settings(String option, String value) {
        String[] parts = value.split(",");
        if (parts.length != 4) {
            throw new IllegalArgumentException(option + " takes WORKERS,INTRA_OP_THREADS,MAX_BATCH_TEXTS,MAX_BATCH_TOKENS, got '" + value + "'");
        }
        return new InferenceSettings(positive(option, parts[0]), positive(option, parts[1]), positive(option, parts[2]),
                positive(option, parts[3]), 8192);
    }
}
