package dev.embedgate.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Reads a JSON Lines file line by line as bytes (a line's encoding is the JSON parser's business, so one line that is
 * not UTF-8 is one bad line, not a failed import), numbering the lines from 1 and keeping a SHA-256 of every line
 * read so far: an import's checkpoint holds that digest, so that a resumed import knows the lines it skips are the
 * lines it sent. Lines end at {@code \n}; a {@code \r} before it is dropped.
 */
final class JsonlReader implements AutoCloseable {

    /** Longest line kept: larger than any request a gateway accepts by default (16 MiB). */
    static final int MAX_LINE_BYTES = 32 * 1024 * 1024;

    /**
     * One line.
     *
     * @param bytes   its bytes, without the line end; empty when {@code tooLong}
     * @param tooLong longer than {@link #MAX_LINE_BYTES}
     */
    record Line(long number, byte[] bytes, boolean tooLong) {
    }

    private final InputStream in;
    private final MessageDigest digest;
    private final byte[] chunk = new byte[64 * 1024];
    private int chunkStart;
    private int chunkEnd;
    private byte[] line = new byte[8 * 1024];
    private long lineNumber;

    JsonlReader(Path file) throws IOException {
        this.in = Files.newInputStream(file);
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The next line, or null at the end of the file. */
    Line next() throws IOException {
        int length = 0;
        boolean tooLong = false;
        boolean sawAnything = false;
        while (true) {
            if (chunkStart == chunkEnd && !fill()) {
                if (!sawAnything) {
                    return null;
                }
                break;
            }
            sawAnything = true;
            int end = chunkStart;
            while (end < chunkEnd && chunk[end] != '\n') {
                end++;
            }
            int taken = end - chunkStart;
            digest.update(chunk, chunkStart, taken);
            if (!tooLong && (long) length + taken > MAX_LINE_BYTES) {
                tooLong = true;
            }
            if (!tooLong) {
                if (length + taken > line.length) {
                    line = Arrays.copyOf(line, Math.max(line.length * 2, length + taken));
                }
                System.arraycopy(chunk, chunkStart, line, length, taken);
                length += taken;
            }
            chunkStart = end;
            if (end < chunkEnd) {
                chunkStart++;
                break;
            }
        }
        digest.update((byte) '\n');
        lineNumber++;
        if (tooLong) {
            return new Line(lineNumber, new byte[0], true);
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return new Line(lineNumber, Arrays.copyOf(line, length), false);
    }

    /** How many lines were read. */
    long linesRead() {
        return lineNumber;
    }

    /** SHA-256 (hex) of the lines read so far, each with a {@code \n} after it. */
    String digest() {
        try {
            return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests can be copied", e);
        }
    }

    private boolean fill() throws IOException {
        int read = in.read(chunk);
        if (read <= 0) {
            return false;
        }
        chunkStart = 0;
        chunkEnd = read;
        return true;
    }

    /** How many lines the file has (a last line without a line end counts). */
    static long countLines(Path file) throws IOException {
        long lines = 0;
        byte last = '\n';
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
                last = buffer[read - 1];
            }
        }
        return last == '\n' ? lines : lines + 1;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
