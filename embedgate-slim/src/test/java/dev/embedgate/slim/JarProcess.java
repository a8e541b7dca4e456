package dev.embedgate.slim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An EmbedGate command in a JVM of its own, started as a user starts a jar ({@code java -jar}, or {@code java -cp}
 * with more jars), on a free loopback port, its output in a log file. Closing it kills the process.
 */
final class JarProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String MAIN_CLASS = "dev.embedgate.server.cli.EmbedGateCli";

    private final Process process;
    private final int port;
    private final Path log;

    private JarProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Runs {@code <command> --port <free port> <arguments>} from {@code classPath} (the first entry is the EmbedGate
     * jar), with {@code environment} added to an environment that holds no provider variables.
     */
    static JarProcess start(List<Path> classPath, String command, List<String> arguments,
                            Map<String, String> environment, Path log) {
        int port = freePort();
        var line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms512m", "-Xmx512m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED", "--add-modules",
                "jdk.incubator.vector"));
        if (classPath.size() == 1) {
            line.addAll(List.of("-jar", classPath.getFirst().toString()));
        } else {
            line.addAll(List.of("-cp", String.join(java.io.File.pathSeparator, classPath.stream().map(Path::toString)
                    .toList()), MAIN_CLASS));
        }
        line.addAll(List.of(command, "--port", Integer.toString(port)));
        line.addAll(arguments);
        var builder = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.endsWith("_API_KEY") || name.endsWith("_BASE_URL")
                || name.startsWith("EMBEDDING") || name.startsWith("HF_") || name.equals("OLLAMA_HOST"));
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        builder.environment().putAll(environment);
        try {
            return new JarProcess(builder.start(), port, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + line, e);
        }
    }

    /** Waits until {@code path} answers 200; kills the process and fails with its output if it does not. */
    JarProcess awaitOk(String path, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("exited with " + process.exitValue() + ": " + output());
            }
            try {
                if (get(path).statusCode() == 200) {
                    return this;
                }
            } catch (IOException notListeningYet) {
                // keep polling
            }
            Thread.sleep(100);
        }
        process.destroyForcibly().waitFor();
        throw new IllegalStateException(path + " did not answer 200 within " + timeout + ": " + output());
    }

    /** Waits for the process to end: its exit status, or -1 if it still runs after {@code timeout}. */
    int awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }
}
