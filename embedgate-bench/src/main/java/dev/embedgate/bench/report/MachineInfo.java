package dev.embedgate.bench.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/** The machine and software a benchmark ran on, as the report states them. */
public record MachineInfo(int cores, String cpuModel, double memoryGiB, String os, String jdk, String versions) {

    public static MachineInfo probe() {
        return new MachineInfo(
                Runtime.getRuntime().availableProcessors(),
                procField("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch")),
                procField("/proc/meminfo", "MemTotal").map(MachineInfo::kibToGib).orElse(Double.NaN),
                osName(),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.name") + " "
                        + System.getProperty("java.runtime.version"),
                libraryVersions());
    }

    private static Optional<String> procField(String file, String name) {
        try {
            return Files.readAllLines(Path.of(file)).stream()
                    .filter(line -> line.startsWith(name))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static double kibToGib(String value) {
        return Long.parseLong(value.split("\\s+")[0]) / (1024.0 * 1024.0);
    }

    private static String osName() {
        String kernel = System.getProperty("os.name") + " " + System.getProperty("os.version");
        try {
            List<String> release = Files.readAllLines(Path.of("/etc/os-release"));
            return release.stream().filter(line -> line.startsWith("PRETTY_NAME="))
                    .map(line -> line.substring("PRETTY_NAME=".length()).replace("\"", "") + " (" + kernel + ")")
                    .findFirst().orElse(kernel);
        } catch (IOException e) {
            return kernel;
        }
    }

    private static String libraryVersions() {
        return "ONNX Runtime " + libraryVersion("onnxruntime") + ", DJL HuggingFace tokenizers "
                + libraryVersion("djl") + ", LangChain4j embeddings " + libraryVersion("langchain4j");
    }

    /** The version of a library the benchmark was built with (a key of embedgate-bench-versions.properties). */
    public static String libraryVersion(String key) {
        var versions = new Properties();
        try (InputStream in = MachineInfo.class.getResourceAsStream("/embedgate-bench-versions.properties")) {
            if (in == null) {
                return "unknown";
            }
            versions.load(in);
        } catch (IOException e) {
            return "unknown";
        }
        return versions.getProperty(key, "unknown");
    }
}
