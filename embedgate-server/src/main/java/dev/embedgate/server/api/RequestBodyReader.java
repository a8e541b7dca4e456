package dev.embedgate.server.api;

import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Reads a request body within the size limit, decoding its {@code Content-Encoding}: none or {@code identity} as
 * sent, {@code gzip} ({@code x-gzip}) and {@code deflate} (zlib, as HTTP defines it) inflated. The limit holds for
 * the bytes as sent, whatever Content-Length says, and again for the decoded bytes, so that a small compressed bomb
 * is refused before it fills the memory. Any other encoding is refused rather than read as if it were JSON.
 */
final class RequestBodyReader {

    /** A refused body up to this many times the limit is read to its end, so that its client sees the 413. */
    private static final long DRAINED_LIMITS = 4;

    private final long maxBytes;

    RequestBodyReader(long maxRequestBytes) {
        this.maxBytes = maxRequestBytes;
    }

    /**
     * @throws RefusedRequestException 413 over the limit, 415 for an encoding not decoded here, 400 for a body that
     *                                 does not decode as its encoding says
     */
    byte[] read(Context ctx) throws IOException {
        Coding coding = Coding.of(ctx.header("Content-Encoding"));
        byte[] sent = readAsSent(ctx);
        return coding == Coding.IDENTITY ? sent : decode(sent, coding);
    }

    private byte[] readAsSent(Context ctx) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            if (declared <= DRAINED_LIMITS * maxBytes) {
                try (InputStream in = ctx.req().getInputStream()) {
                    discard(in, declared);
                }
            }
            throw new RefusedRequestException(ApiError.tooLarge(maxBytes, false));
        }
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared >= 0) {
                // Jetty ends the stream at Content-Length, so an array of that size holds the whole body: no
                // 16 KiB chunk and copy per request, as readNBytes(limit) makes.
                byte[] body = new byte[(int) declared];
                int read = in.readNBytes(body, 0, body.length);
                return read == body.length ? body : Arrays.copyOf(body, read);
            }
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (body.length > maxBytes) {
                discard(in, (DRAINED_LIMITS - 1) * maxBytes);
                throw new RefusedRequestException(ApiError.tooLarge(maxBytes, false));
            }
            return body;
        }
    }

    /**
     * Reads and drops up to {@code bytes} more of a refused body. A client that sends its whole body before it reads
     * the answer (most do, the JDK's among them) would otherwise see its connection reset under its upload instead
     * of the 413; beyond a few times the limit, the connection is cut rather than read for nothing.
     */
    private static void discard(InputStream in, long bytes) throws IOException {
        byte[] buffer = new byte[8192];
        long left = bytes;
        int read;
        while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
            left -= read;
        }
    }

    private byte[] decode(byte[] sent, Coding coding) {
        try (InputStream in = coding.decoding(new ByteArrayInputStream(sent))) {
            return readWithinLimit(in, true);
        } catch (IOException e) {
            throw new RefusedRequestException(ApiError.undecodable(coding.token));
        }
    }

    private byte[] readWithinLimit(InputStream in, boolean decoded) throws IOException {
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (body.length > maxBytes) {
            throw new RefusedRequestException(ApiError.tooLarge(maxBytes, decoded));
        }
        return body;
    }

    private enum Coding {
        IDENTITY("identity"), GZIP("gzip"), DEFLATE("deflate");

        private final String token;

        Coding(String token) {
            this.token = token;
        }

        /** One coding at most: a list of several is refused like an unknown one. */
        static Coding of(String header) {
            if (header == null || header.isBlank()) {
                return IDENTITY;
            }
            return switch (header.strip().toLowerCase(Locale.ROOT)) {
                case "identity" -> IDENTITY;
                case "gzip", "x-gzip" -> GZIP;
                case "deflate" -> DEFLATE;
                default -> throw new RefusedRequestException(ApiError.unsupportedEncoding(header.strip()));
            };
        }

        InputStream decoding(InputStream in) throws IOException {
            return switch (this) {
                case IDENTITY -> in;
                case GZIP -> new GZIPInputStream(in);
                case DEFLATE -> new InflaterInputStream(in);
            };
        }
    }
}
