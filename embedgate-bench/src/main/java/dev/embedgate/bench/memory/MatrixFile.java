package dev.embedgate.bench.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A matrix of floats or ints cached on disk between runs of the memory benchmark (embeddings, derived vectors,
 * exact neighbours): a header (kind, rows, columns) and the values, little-endian. Written to a temporary file
 * and moved into place, so that an interrupted run never leaves a half-written cache behind.
 */
final class MatrixFile {

    private static final int FLOATS = 0x45474631; // "EGF1"
    private static final int INTS = 0x45474931;   // "EGI1"
    private static final int HEADER_BYTES = 12;

    private MatrixFile() {
    }

    static void writeFloats(Path file, float[][] rows) {
        int columns = rows.length == 0 ? 0 : rows[0].length;
        ByteBuffer buffer = header(FLOATS, rows.length, columns, Float.BYTES);
        for (float[] row : rows) {
            buffer.asFloatBuffer().put(row);
            buffer.position(buffer.position() + row.length * Float.BYTES);
        }
        write(file, buffer);
    }

    static void writeInts(Path file, int[][] rows) {
        int columns = rows.length == 0 ? 0 : rows[0].length;
        ByteBuffer buffer = header(INTS, rows.length, columns, Integer.BYTES);
        for (int[] row : rows) {
            buffer.asIntBuffer().put(row);
            buffer.position(buffer.position() + row.length * Integer.BYTES);
        }
        write(file, buffer);
    }

    /** The matrix in {@code file}, or null when there is none (or it is not a float matrix). */
    static float[][] readFloats(Path file) {
        ByteBuffer buffer = read(file, FLOATS);
        if (buffer == null) {
            return null;
        }
        float[][] rows = new float[buffer.getInt(4)][buffer.getInt(8)];
        buffer.position(HEADER_BYTES);
        for (float[] row : rows) {
            buffer.asFloatBuffer().get(row);
            buffer.position(buffer.position() + row.length * Float.BYTES);
        }
        return rows;
    }

    /** The matrix in {@code file}, or null when there is none (or it is not an int matrix). */
    static int[][] readInts(Path file) {
        ByteBuffer buffer = read(file, INTS);
        if (buffer == null) {
            return null;
        }
        int[][] rows = new int[buffer.getInt(4)][buffer.getInt(8)];
        buffer.position(HEADER_BYTES);
        for (int[] row : rows) {
            buffer.asIntBuffer().get(row);
            buffer.position(buffer.position() + row.length * Integer.BYTES);
        }
        return rows;
    }

    private static ByteBuffer header(int kind, int rows, int columns, int valueBytes) {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + Math.multiplyExact(rows, columns * valueBytes))
                .order(ByteOrder.LITTLE_ENDIAN);
        return buffer.putInt(kind).putInt(rows).putInt(columns);
    }

    private static void write(Path file, ByteBuffer buffer) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    private static ByteBuffer read(Path file, int kind) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            if (buffer.capacity() < HEADER_BYTES || buffer.getInt(0) != kind) {
                return null;
            }
            long expected = HEADER_BYTES + (long) buffer.getInt(4) * buffer.getInt(8) * 4;
            return expected == buffer.capacity() ? buffer : null;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }
}
