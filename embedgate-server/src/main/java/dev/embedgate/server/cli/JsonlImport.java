package dev.embedgate.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedgate.memory.MemoryService;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports a JSON Lines file into a running gateway's memory, one {@code POST /v1/memories} per batch, resumably: after
 * every batch the gateway acknowledged, an {@link ImportCheckpoint} next to the file says how far it got, and a re-run
 * starts after that line (when the lines done are unchanged). Bad lines are reported and skipped; a batch the gateway
 * refuses (4xx) stops the import; an unreachable, busy (429) or failing (5xx) gateway is retried with backoff
 * ({@code Retry-After} honoured), then the import stops, the checkpoint kept. Re-sending a batch is harmless: every
 * memory has an id ({@link JsonlMemoryLine}), and saving an id again replaces it.
 */
final class JsonlImport {

    /** The wait before the first retry of a batch, doubling for each further one. */
    static final Duration INITIAL_BACKOFF = Duration.ofSeconds(1);
    /** Longest wait between attempts of one batch. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Pattern BATCH_INDEX = Pattern.compile("^memories\\[(\\d+)]");

    /**
     * @param namespace the memories' namespace unless a line names its own; null: the gateway's default
     * @param retries   further attempts of a batch the gateway could not take (unreachable, 429, 5xx)
     */
    record Settings(Path file, String namespace, int batchSize, boolean embedNow, int retries) {

        Settings {
            if (batchSize < 1) {
                throw new IllegalArgumentException("--batch-size must be at least 1, was " + batchSize);
            }
            if (retries < 0) {
                throw new IllegalArgumentException("--retries must not be negative, was " + retries);
            }
        }
    }

    /**
     * A finished import.
     *
     * @param lines          lines in the file
     * @param saved          memories saved, this run and those it resumed together
     * @param skipped        bad lines skipped, likewise
     * @param resumedAt      lines an earlier run had done (0 when this run started at the top)
     * @param statesThisRun  this run's memories by the state the gateway answered (embedded, pending, degraded)
     */
    record Outcome(long lines, long saved, long skipped, long resumedAt, Map<String, Long> statesThisRun,
                   Duration elapsed) {
    }

    private final GatewayClient client;
    private final PrintWriter err;
    private final boolean terminal;
    private final LongSupplier nanoTime;

    /** @param terminal whether {@code err} is a terminal (the progress bar redraws in place) */
    JsonlImport(GatewayClient client, PrintWriter err, boolean terminal, LongSupplier nanoTime) {
        this.client = client;
        this.err = err;
        this.terminal = terminal;
        this.nanoTime = nanoTime;
    }

    Outcome run(Settings settings) throws IOException {
        Path file = settings.file();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " is not a file");
        }
        long startNanos = nanoTime.getAsLong();
        Path checkpointPath = ImportCheckpoint.pathFor(file);
        long total = JsonlReader.countLines(file);
        Progress progress = new Progress();
        JsonlReader reader = new JsonlReader(file);
        Optional<ImportCheckpoint> previous = ImportCheckpoint.read(checkpointPath);
        if (previous.isPresent() && !resume(previous.get(), settings, reader, progress)) {
            reader.close();
            reader = new JsonlReader(file);
        }
        long resumedAt = progress.linesDone;
        var batch = new Batch(settings, progress.linesDone + 1);
        // Ctrl-C ends the process at once (the checkpoint is as good as the last batch); this says how far it got.
        Thread onInterrupt = new Thread(() -> {
            long done = progress.linesDone;
            err.printf("%ninterrupted: %d of %d lines are done%s%n", done, total, done > 0 ? " ("
                    + checkpointPath.getFileName() + "); run the same command again to resume" : "");
            err.flush();
        });
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try (JsonlReader lines = reader;
             var bar = new ProgressBar(err, file.getFileName().toString(), "lines", total, resumedAt, terminal, nanoTime)) {
            JsonlReader.Line line;
            while ((line = lines.next()) != null) {
                switch (JsonlMemoryLine.parse(line)) {
                    case JsonlMemoryLine.Memory memory -> batch.add(line.number(), memory.memory());
                    case JsonlMemoryLine.Bad bad -> {
                        bar.message("line " + line.number() + ": " + bad.reason() + "; skipped");
                        batch.skipped++;
                    }
                    case JsonlMemoryLine.Blank blank -> {
                    }
                }
                if (batch.size() == settings.batchSize()) {
                    send(batch, lines, bar, progress, total, checkpointPath);
                    batch = new Batch(settings, lines.linesRead() + 1);
                }
            }
            if (batch.size() > 0) {
                send(batch, lines, bar, progress, total, checkpointPath);
            } else {
                progress.skipped += batch.skipped;
                progress.linesDone = lines.linesRead();
                bar.update(progress.linesDone);
            }
        } finally {
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
        }
        Files.deleteIfExists(checkpointPath);
        return new Outcome(total, progress.saved, progress.skipped, resumedAt, progress.states,
                Duration.ofNanos(nanoTime.getAsLong() - startNanos));
    }

    /** Skips the lines a checkpoint says are done, if they are still those lines; false: start over. */
    private boolean resume(ImportCheckpoint checkpoint, Settings settings, JsonlReader reader, Progress progress)
            throws IOException {
        String name = settings.file().getFileName().toString();
        if (!Objects.equals(checkpoint.namespace(), settings.namespace())) {
            err.println("an interrupted import of " + name + " went to " + namespace(checkpoint.namespace())
                    + ", this one to " + namespace(settings.namespace()) + ": starting over from line 1");
            return false;
        }
        while (reader.linesRead() < checkpoint.linesDone() && reader.next() != null) {
            // skipping what the gateway already acknowledged
        }
        if (reader.linesRead() < checkpoint.linesDone() || !reader.digest().equals(checkpoint.digest())) {
            err.println(name + " changed since the interrupted import (its first " + checkpoint.linesDone()
                    + " lines are not those imported): starting over from line 1");
            return false;
        }
        err.println("resuming the import of " + name + " after line " + checkpoint.linesDone() + " (so far: memories "
                + "saved " + checkpoint.saved() + ", bad lines skipped " + checkpoint.skipped() + ")");
        progress.linesDone = checkpoint.linesDone();
        progress.saved = checkpoint.saved();
        progress.skipped = checkpoint.skipped();
        return true;
    }

    /** Saves a batch (retrying what may pass later), then writes the checkpoint and moves the bar. */
    private void send(Batch batch, JsonlReader lines, ProgressBar bar, Progress progress, long total,
                      Path checkpointPath) throws IOException {
        Settings settings = batch.settings;
        long lastLine = lines.linesRead();
        String range = "lines " + batch.firstLine + "-" + lastLine;
        JsonNode answer;
        try {
            answer = retry(settings, bar, range).executeSupplier(() -> client.post("/v1/memories", batch.body()));
        } catch (GatewayCallException e) {
            String done = progress.linesDone + " of " + total + " lines are done"
                    + (progress.linesDone > 0 ? " (" + checkpointPath.getFileName() + ")" : "");
            if (e.retryable()) {
                throw new IllegalStateException("the import stopped at " + range + ": " + e.getMessage()
                        + (settings.retries() > 0 ? " (tried " + (settings.retries() + 1) + " times)" : "") + ". "
                        + done + "; run the same command again to resume", e);
            }
            throw new IllegalStateException("the gateway refused " + range + ": " + e.getMessage()
                    + batch.lineOf(e.param()) + ". " + done + "; fix the file and run the same command again to "
                    + "resume", e);
        }
        for (JsonNode saved : answer.path("data")) {
            progress.states.merge(saved.path("state").asText(), 1L, Long::sum);
        }
        progress.saved += batch.size();
        progress.skipped += batch.skipped;
        progress.linesDone = lastLine;
        new ImportCheckpoint(settings.file().getFileName().toString(), settings.namespace(), progress.linesDone,
                lines.digest(), progress.saved, progress.skipped).write(checkpointPath);
        bar.update(progress.linesDone);
    }

    private Retry retry(Settings settings, ProgressBar bar, String range) {
        Retry retry = Retry.of("import", RetryConfig.<JsonNode>custom()
                .maxAttempts(settings.retries() + 1)
                .retryOnException(e -> e instanceof GatewayCallException call && call.retryable())
                .intervalBiFunction((attempt, outcome) -> backoff(attempt,
                        outcome.isLeft() ? outcome.getLeft() : null).toMillis())
                .build());
        retry.getEventPublisher().onRetry(event -> bar.message(range + ": "
                + event.getLastThrowable().getMessage() + "; retrying in " + seconds(event.getWaitInterval())
                + " (retry " + event.getNumberOfRetryAttempts() + " of " + settings.retries() + ")"));
        return retry;
    }

    /** The wait before retry {@code attempt} (1: the first): what the gateway asked for, else doubling. */
    private static Duration backoff(int attempt, Throwable failure) {
        if (failure instanceof GatewayCallException call && call.retryAfter().isPresent()) {
            Duration asked = call.retryAfter().get();
            return asked.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : asked;
        }
        Duration doubled = INITIAL_BACKOFF.multipliedBy(1L << Math.min(attempt - 1, 20));
        return doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
    }

    private static String seconds(Duration wait) {
        return String.format(Locale.ROOT, "%.1f s", wait.toMillis() / 1000.0);
    }

    private static String namespace(String namespace) {
        return namespace == null ? "the default namespace" : "namespace '" + namespace + "'";
    }

    /** The counts so far, the checkpoint's and this run's. */
    private static final class Progress {
        /** Read by the shutdown hook that reports an interrupted import. */
        volatile long linesDone;
        long saved;
        long skipped;
        final Map<String, Long> states = new TreeMap<>();
    }

    /**
     * The memories of one request, with the line each came from, and the bad lines among them. A line repeating the
     * id of an earlier line of the batch (same namespace) takes that line's place, as it would have replaced its
     * memory had they been sent one by one: a gateway refuses a save that holds an id twice.
     */
    private static final class Batch {
        private final Settings settings;
        final long firstLine;
        private final List<Long> lineNumbers = new ArrayList<>();
        private final ArrayNode memories = GatewayClient.JSON.createArrayNode();
        private final Map<String, Integer> indexById = new HashMap<>();
        long skipped;

        Batch(Settings settings, long firstLine) {
            this.settings = settings;
            this.firstLine = firstLine;
        }

        void add(long lineNumber, ObjectNode memory) {
            String namespace = memory.path("namespace").asText(
                    Objects.requireNonNullElse(settings.namespace(), MemoryService.DEFAULT_NAMESPACE));
            Integer earlier = indexById.putIfAbsent(namespace + '\u0000' + memory.get("id").asText(), size());
            if (earlier != null) {
                lineNumbers.set(earlier, lineNumber);
                memories.set(earlier, memory);
                return;
            }
            lineNumbers.add(lineNumber);
            memories.add(memory);
        }

        /** Memories to send. */
        int size() {
            return lineNumbers.size();
        }

        ObjectNode body() {
            ObjectNode body = GatewayClient.JSON.createObjectNode();
            if (settings.namespace() != null) {
                body.put("namespace", settings.namespace());
            }
            body.put("embed", settings.embedNow() ? "now" : "background");
            body.set("memories", memories);
            return body;
        }

        /** " (line N)" for an error naming {@code memories[i]...}, else nothing. */
        String lineOf(String param) {
            if (param == null) {
                return "";
            }
            Matcher index = BATCH_INDEX.matcher(param);
            if (!index.find()) {
                return "";
            }
            int i = Integer.parseInt(index.group(1));
            return i < lineNumbers.size() ? " (line " + lineNumbers.get(i) + ")" : "";
        }
    }
}
