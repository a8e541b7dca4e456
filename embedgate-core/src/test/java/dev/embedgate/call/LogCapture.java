package dev.embedgate.call;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The log lines written while it is open. slf4j-simple, the logging backend of the tests and of the server, writes
 * each line to {@code System.err} as it is at that moment, so this swaps in a stream that keeps a copy (and still
 * shows everything). Tests of a module run one at a time; filter by logger and by names the test made up.
 */
public final class LogCapture implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

    private LogCapture() {
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                copy.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                original.write(bytes, offset, length);
                copy.write(bytes, offset, length);
            }
        }, true, StandardCharsets.UTF_8));
    }

    /** Starts keeping lines; close it to stop. */
    public static LogCapture start() {
        return new LogCapture();
    }

    /** Every line written so far. */
    public List<String> lines() {
        System.err.flush();
        return copy.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /**
     * The lines written so far by one logger at one level.
     *
     * @param logger the logger's name (its class's fully qualified name)
     * @param level  {@code ERROR}, {@code WARN}, {@code INFO}, ...
     */
    public List<String> lines(String logger, String level) {
        String marker = " " + level + " " + logger + " - ";
        return lines().stream().filter(line -> line.contains(marker)).toList();
    }

    @Override
    public void close() {
        System.err.flush();
        System.setErr(original);
    }
}
