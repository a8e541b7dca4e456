package dev.embedgate.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress bar for a long job on stderr: done / total, percent, rate and time left. On a terminal it redraws one
 * line in place ({@code \r}, at most every {@value #REDRAW_MILLIS} ms); elsewhere (a log, a pipe) it prints a plain
 * line at most every {@value #LINE_SECONDS} seconds, so that a log is not flooded. Messages printed through
 * {@link #message} do not tangle with the bar. Not thread-safe: one job updates it.
 */
final class ProgressBar implements AutoCloseable {

    static final long REDRAW_MILLIS = 100;
    static final long LINE_SECONDS = 5;
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final String label;
    private final String unit;
    private final long total;
    private final long start;
    private final boolean terminal;
    private final LongSupplier nanoTime;
    private final long startedNanos;
    private long done;
    private long lastDrawnNanos;
    private int drawnLength;

    /**
     * @param start    where the job begins (a resumed job's work already done); the rate counts from here
     * @param terminal whether {@code err} is a terminal that understands {@code \r}
     */
    ProgressBar(PrintWriter err, String label, String unit, long total, long start, boolean terminal,
                LongSupplier nanoTime) {
        this.err = err;
        this.label = label;
        this.unit = unit;
        this.total = total;
        this.start = start;
        this.done = start;
        this.terminal = terminal;
        this.nanoTime = nanoTime;
        this.startedNanos = nanoTime.getAsLong();
        this.lastDrawnNanos = startedNanos;
        draw();
    }

    /** Whether this process's stderr is a terminal (exact on Linux; elsewhere, whether the process has a console). */
    static boolean stderrIsTerminal() {
        Path stderr = Path.of("/proc/self/fd/2");
        if (Files.exists(stderr)) {
            try {
                String target = Files.readSymbolicLink(stderr).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return System.console() != null;
    }

    /** The job has now done {@code done} units. */
    void update(long done) {
        this.done = done;
        long now = nanoTime.getAsLong();
        long since = now - lastDrawnNanos;
        if (terminal ? since >= REDRAW_MILLIS * 1_000_000 : since >= LINE_SECONDS * 1_000_000_000) {
            lastDrawnNanos = now;
            draw();
        }
    }

    /** Prints a line of its own (a warning, a retry) without breaking the bar. */
    void message(String line) {
        if (terminal) {
            err.print("\r" + " ".repeat(drawnLength) + "\r");
            err.println(line);
            draw();
        } else {
            err.println(line);
            err.flush();
        }
    }

    /** Shows where the job ended, and leaves the line to what comes next. */
    @Override
    public void close() {
        draw();
        if (terminal) {
            err.println();
            err.flush();
        }
    }

    private void draw() {
        String text = render(nanoTime.getAsLong() - startedNanos);
        if (terminal) {
            // Padded to the last line's length, so that a shorter line leaves nothing of the longer one behind.
            err.print("\r" + text + " ".repeat(Math.max(0, drawnLength - text.length())));
            drawnLength = text.length();
        } else {
            err.println(text);
        }
        err.flush();
    }

    /** The bar's text after {@code elapsedNanos} of this run. */
    String render(long elapsedNanos) {
        double fraction = total == 0 ? 1 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        String bar = "=".repeat(filled) + (filled < WIDTH ? ">" + " ".repeat(WIDTH - filled - 1) : "");
        double seconds = elapsedNanos / 1e9;
        double rate = seconds > 0 ? (done - start) / seconds : 0;
        String left = done >= total ? "done in " + clock(seconds)
                : rate > 0 ? "ETA " + clock((total - done) / rate) : "ETA --:--";
        return String.format(Locale.ROOT, "%s [%s] %d/%d %s %3d%% %.1f %s/s %s", label, bar, done, total, unit,
                (int) Math.floor(fraction * 100), rate, unit, left);
    }

    private static String clock(double seconds) {
        long whole = (long) Math.ceil(seconds);
        long hours = whole / 3600;
        long minutes = whole / 60 % 60;
        long secs = whole % 60;
        return hours > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, secs)
                : String.format(Locale.ROOT, "%d:%02d", minutes, secs);
    }
}
