package dev.embedgate.bench.providers;

import dev.embedgate.bench.server.EmbeddingsClient;
import dev.embedgate.bench.server.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The EmbedGate jar run as separate processes, as a user runs it ({@code java -jar embedgate.jar serve} or
 * {@code simulate}), each on a free loopback port with its output in a log file under the work folder. The jar is
 * a snapshot copied at start, so that a rebuild during the run cannot change the processes under test.
 */
public final class EmbedGateJar {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final Path jar;
    private final List<String> jvmOptions;
    private final List<String> gatewayJvmOptions;
    private final Path gatewayJfr;
    private final Path workDir;

    private EmbedGateJar(Path jar, List<String> jvmOptions, List<String> gatewayJvmOptions, Path gatewayJfr,
                         Path workDir) {
        this.jar = jar;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.gatewayJvmOptions = List.copyOf(gatewayJvmOptions);
        this.gatewayJfr = gatewayJfr;
        this.workDir = workDir;
    }

    /**
     * @param gatewayJfr folder for a flight recording of each gateway process; null for none
     */
    public static EmbedGateJar snapshot(Path built, List<String> jvmOptions, Path gatewayJfr, Path workDir) throws IOException {
        Path copy = copy(built, workDir, "embedgate.jar");
        if (gatewayJfr != null) {
            Files.createDirectories(gatewayJfr);
        }
        return new EmbedGateJar(copy, jvmOptions, jvmOptions, gatewayJfr, workDir);
    }

    /**
     * Another build (a candidate to compare with this one), snapshot beside it as {@code copyName}, whose gateways run
     * with {@code gatewayOptions}.
     */
    public EmbedGateJar otherBuild(Path built, String copyName, List<String> gatewayOptions) throws IOException {
        return new EmbedGateJar(copy(built, workDir, copyName), jvmOptions, gatewayOptions, gatewayJfr, workDir);
    }

    private static Path copy(Path built, Path workDir, String copyName) throws IOException {
        if (!Files.isRegularFile(built)) {
            throw new IllegalArgumentException("the server jar is missing at " + built.toAbsolutePath().normalize()
                    + "; build it with ./mvnw -DskipTests package -pl embedgate-server -am");
        }
        Files.createDirectories(workDir);
        Path copy = workDir.resolve(copyName);
        Files.copy(built, copy, StandardCopyOption.REPLACE_EXISTING);
        return copy;
    }

    /** The same jar, whose gateways run with {@code options} instead of the JVM options the simulators keep. */
    public EmbedGateJar withGatewayJvmOptions(List<String> options) {
        return new EmbedGateJar(jar, jvmOptions, options, gatewayJfr, workDir);
    }

    /** Starts the provider simulator with {@code configYaml} (null: no faults) and waits until it answers. */
    public Simulator simulator(String name, String configYaml) throws IOException {
        return simulator(name, configYaml, List.of());
    }

    /** The same, the simulator's JVM getting {@code moreJvmOptions} after the simulators' (which they override). */
    public Simulator simulator(String name, String configYaml, List<String> moreJvmOptions) throws IOException {
        int port = ServerProcess.freePort();
        var options = new ArrayList<>(jvmOptions);
        options.addAll(moreJvmOptions);
        List<String> command = command(options, "simulate", port, config(name, configYaml));
        ServerProcess process = ServerProcess.start(command, Map.of(), port, log(name));
        var simulator = new Simulator(process);
        try {
            process.awaitReady(simulator::answers, READY_TIMEOUT);
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        return simulator;
    }

    /**
     * Configuration that turns the cache off, for benchmarks in which every request must reach a provider. Prepend
     * it to a benchmark's own configuration.
     */
    public static final String UNCACHED = "cache: {enabled: false}\n";

    /** Fills a gateway's empty data folder before the gateway starts (memories it should find there, say). */
    @FunctionalInterface
    public interface DataSeed {
        void fill(Path dataDir) throws IOException;
    }

    /**
     * Starts a gateway with {@code environment} (provider keys and URLs) and {@code configYaml} (null: none) and
     * waits until {@code /ready} answers 200. If it exits first, the exception says so and where its log is. Each
     * gateway gets an empty data folder of its own, so that no run inherits another's cache or ledger.
     */
    public ServerProcess gateway(String name, Map<String, String> environment, String configYaml) throws IOException {
        return gateway(name, environment, configYaml, dataDir -> {
        });
    }

    /** As {@link #gateway(String, Map, String)}, with its data folder filled by {@code seed} before it starts. */
    public ServerProcess gateway(String name, Map<String, String> environment, String configYaml, DataSeed seed)
            throws IOException {
        int port = ServerProcess.freePort();
        var options = new ArrayList<>(gatewayJvmOptions);
        if (gatewayJfr != null) {
            options.add("-XX:StartFlightRecording=filename=" + gatewayJfr.resolve(name + ".jfr").toAbsolutePath()
                    + ",settings=profile,jdk.ExecutionSample#period=1ms,dumponexit=true");
        }
        List<String> command = command(options, "serve", port, config(name, configYaml));
        Path dataDir = emptyFolder(workDir.resolve(name + "-data"));
        seed.fill(dataDir);
        command.addAll(List.of("--data-dir", dataDir.toString()));
        ServerProcess process = ServerProcess.start(command, environment, port, log(name));
        try {
            process.awaitReady(new EmbeddingsClient(process.baseUri(), "")::ready, READY_TIMEOUT);
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        return process;
    }

    private static Path emptyFolder(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (var paths = Files.walk(folder)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return Files.createDirectories(folder);
    }

    /** The benchmark's working folder, where every process it starts keeps its files. */
    public Path workDir() {
        return workDir;
    }

    /** Where the process started under {@code name} writes its output. */
    Path log(String name) {
        return workDir.resolve(name + ".log");
    }

    private Path config(String name, String yaml) throws IOException {
        if (yaml == null) {
            return null;
        }
        Path file = workDir.resolve(name + ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private List<String> command(List<String> processJvmOptions, String subcommand, int port, Path config) {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        command.addAll(processJvmOptions);
        command.addAll(List.of("-jar", jar.toString(), subcommand, "--port", Integer.toString(port)));
        if (config != null) {
            command.addAll(List.of("--config", config.toString()));
        }
        return command;
    }

    /** The first lines of a process log that say why it stopped, for a report's "not measured" note. */
    static String failureOf(Path log) {
        try {
            return Files.readAllLines(log).stream()
                    .filter(line -> line.contains("ERROR") || line.contains("Exception") || line.contains("rror:"))
                    .findFirst().map(String::strip).orElse("see " + log);
        } catch (IOException e) {
            return "see " + log;
        }
    }
}
