package dev.embedgate.bench.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A server running as its own process (EmbedGate, or the provider simulator), started as a user starts it, with
 * its output going to a log file. Closing it stops the process.
 */
public final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final URI baseUri;
    private final Path log;
    private final long startNanos;
    private volatile Duration readyAfter;

    private ServerProcess(Process process, URI baseUri, Path log, long startNanos) {
        this.process = process;
        this.baseUri = baseUri;
        this.log = log;
        this.startNanos = startNanos;
    }

    /**
     * Starts {@code <launcher> serve --port <free port>}: the repository's {@code embedgate} script, exactly as a
     * user starts the server (same JVM options), but with the cache off and an empty data folder beside the log,
     * so that every request reaches the model.
     */
    public static ServerProcess start(Path launcher, Path log) {
        if (!Files.isExecutable(launcher)) {
            throw new IllegalArgumentException("the server launcher is missing at " + launcher.toAbsolutePath().normalize());
        }
        int port = freePort();
        Path folder = log.toAbsolutePath().getParent();
        try {
            Files.createDirectories(folder);
            Path config = Files.writeString(folder.resolve("bench-server.yaml"), "cache: {enabled: false}\n");
            Path data = folder.resolve("bench-server-data-" + port);
            return start(List.of(launcher.toString(), "serve", "--port", Integer.toString(port), "--config",
                    config.toString(), "--data-dir", data.toString()), Map.of(), port, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts {@code command}, which must listen on 127.0.0.1:{@code port}, with {@code environment} added to this
     * process's environment.
     */
    public static ServerProcess start(List<String> command, Map<String, String> environment, int port, Path log) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            long start = System.nanoTime();
            Process process = builder.start();
            return new ServerProcess(process, URI.create("http://127.0.0.1:" + port), log, start);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + String.join(" ", command), e);
        }
    }

    public static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** Waits until {@code ready} says so (e.g. {@code GET /ready} answers 200); returns the time from process start. */
    public Duration awaitReady(BooleanSupplier ready, Duration timeout) {
        long deadline = startNanos + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with status " + process.exitValue()
                        + " before it was ready; its output is in " + log);
            }
            if (ready.getAsBoolean()) {
                readyAfter = Duration.ofNanos(System.nanoTime() - startNanos);
                return readyAfter;
            }
            sleep(Duration.ofMillis(100));
        }
        throw new IllegalStateException("the server was not ready within " + timeout.toSeconds() + " s; its output is in " + log);
    }

    /** How long after its start the process was first ready ({@link #awaitReady}); null before. */
    public Duration readyAfter() {
        return readyAfter;
    }

    public URI baseUri() {
        return baseUri;
    }

    public long pid() {
        return process.pid();
    }

    public ResidentMemory memory() {
        return ResidentMemory.of(process.pid());
    }

    public Path log() {
        return log;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
