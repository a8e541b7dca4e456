package dev.embedgate.server.cli;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code embedgate serve} in a process of its own: a JVM on this module's test class path, started as the launcher
 * starts the server (same heap, GC and malloc arenas), on a free port, on the local model only unless told otherwise,
 * its output in a log file.
 * Closing it stops the process as {@code kill -9} would, if it still runs.
 */
final class ServeProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private ServeProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts {@code serve --config <config> --data-dir <dataDir>}, logging to {@code log}. */
    static ServeProcess start(Path config, Path dataDir, Path log) {
        return start(config, dataDir, log, Map.of());
    }

    /** As {@link #start(Path, Path, Path)}, with these environment variables set too (they win). */
    static ServeProcess start(Path config, Path dataDir, Path log, Map<String, String> environment) {
        return start(List.of("--config", config.toString(), "--data-dir", dataDir.toString()), environment, log);
    }

    /**
     * Starts {@code serve --port <free port>} with further arguments, and variables set beside this JVM's own (and
     * {@code EMBEDDING_PROVIDER=local} unless they say otherwise), logging to {@code log}.
     */
    static ServeProcess start(List<String> arguments, Map<String, String> variables, Path log) {
        int port = freePort();
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms512m", "-Xmx512m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), EmbedGateCli.class.getName(),
                "serve", "--port", Integer.toString(port)));
        command.addAll(arguments);
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("EMBEDDING_PROVIDER", "local");
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        builder.environment().putAll(variables);
        try {
            return new ServeProcess(builder.start(), port, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Waits until {@code GET /ready} answers 200; stops the process if it does not. */
    ServeProcess awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + ": " + output());
            }
            try {
                if (get("/ready").statusCode() == 200) {
                    return this;
                }
            } catch (IOException notListeningYet) {
                // keep polling
            }
            Thread.sleep(100);
        }
        killHard();
        throw new IllegalStateException("the server was not ready within " + timeout + ": " + output());
    }

    /** Waits for the process to end; its exit status, or -1 if it still runs after {@code timeout}. */
    int awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body, String... headers) throws IOException, InterruptedException {
        return HTTP.send(postRequest(path, body, headers), HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> postAsync(String path, String body) {
        return HTTP.sendAsync(postRequest(path, body), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest postRequest(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return request.build();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    /** The most memory the process has held resident so far ({@code VmHWM}), in bytes. */
    long peakResidentBytes() throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                .filter(line -> line.startsWith("VmHWM:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024)
                .findFirst().orElseThrow();
    }

    /** SIGTERM: what {@code docker stop}, Kubernetes and systemd send first. */
    void terminate() {
        process.destroy();
    }

    /** SIGKILL: the process gets no chance to flush or close anything. */
    void killHard() throws InterruptedException {
        process.destroyForcibly().waitFor();
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
        killHard();
    }
}
