package dev.embedgate.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code embedgate memories import FILE.jsonl}: a JSON Lines file into a running gateway's memory ({@link JsonlImport}). */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Imports a JSON Lines file of memories, showing progress; run it again to resume an "
                + "interrupted import.",
                "Each line is a JSON object: {\"content\": \"...\"} with optional \"id\", \"namespace\", "
                        + "\"metadata\" and \"importance\". A line without an id gets one made from its line number "
                        + "and content, so importing the file again replaces rather than duplicates. Bad lines are "
                        + "reported and skipped.",
                "After every batch the gateway acknowledged, FILE.jsonl.progress says how far the import got; a "
                        + "re-run skips those lines (unless they changed) and a finished import removes it."})
final class MemoryImportCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Mixin
    private GatewayOptions gateway;

    @Parameters(paramLabel = "FILE.jsonl", description = "The file.")
    private Path file;

    @Option(names = "--namespace", paramLabel = "NS",
            description = "The namespace of lines that name none (default: the gateway's 'default').")
    private String namespace;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "100",
            description = "Memories per request (default: ${DEFAULT-VALUE}; the gateway takes up to memory.maxBatch).")
    private int batchSize;

    @Option(names = "--embed", paramLabel = "WHEN", defaultValue = "now",
            description = "now (default: each batch is embedded before the next is sent) or background (saved at "
                    + "once, embedded by the gateway's background worker).")
    private String embed;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "5",
            description = "Further attempts of a batch while the gateway is unreachable, busy (429) or failing (5xx), "
                    + "waiting 1, 2, 4... s (or its Retry-After) in between (default: ${DEFAULT-VALUE}).")
    private int retries;

    @Override
    public void run() {
        String when = embed.toLowerCase(Locale.ROOT);
        if (!when.equals("now") && !when.equals("background")) {
            throw new IllegalArgumentException("--embed must be now or background, not '" + embed + "'");
        }
        var settings = new JsonlImport.Settings(file, namespace, batchSize, when.equals("now"), retries);
        JsonlImport.Outcome outcome;
        try (GatewayClient client = gateway.client(spec, MemoriesCommand.TIMEOUT)) {
            outcome = new JsonlImport(client, spec.commandLine().getErr(), ProgressBar.stderrIsTerminal(),
                    System::nanoTime).run(settings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " or write its checkpoint: " + e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("imported %s: %s saved, %s skipped, %s%n", file.getFileName(), count(outcome.saved(), "memory",
                "memories"), count(outcome.skipped(), "bad line", "bad lines"), count(outcome.lines(), "line", "lines"));
        long linesThisRun = outcome.lines() - outcome.resumedAt();
        double seconds = outcome.elapsed().toNanos() / 1e9;
        var states = new StringBuilder();
        outcome.statesThisRun().forEach((state, count) -> states.append(", ").append(count).append(' ').append(state));
        out.printf(Locale.ROOT, "this run: %s in %.1f s (%.0f lines/s)%s%s%n", count(linesThisRun, "line", "lines"), seconds,
                seconds > 0 ? linesThisRun / seconds : 0, outcome.resumedAt() > 0 ? ", resumed after line "
                        + outcome.resumedAt() : "", states);
    }

    private static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
