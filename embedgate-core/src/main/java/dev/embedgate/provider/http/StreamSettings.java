package dev.embedgate.provider.http;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits of one streamed call. Each deadline fails the call with {@code TIMEOUT} and closes the connection.
 *
 * @param firstEventTimeout longest wait from sending the request to the first event (covers connecting, the
 *                          headers, and reading a whole error answer)
 * @param idleTimeout       longest wait between one event and the next; comments and keep-alive lines do not
 *                          count as events, and time spent in the listener does not count as waiting
 * @param totalTimeout      longest the whole stream may take, from sending the request to its end
 * @param maxEventBytes     largest single event (an SSE event's field lines, or one NDJSON line); a larger one
 *                          fails the call with {@code INVALID_RESPONSE} instead of being buffered
 */
public record StreamSettings(Duration firstEventTimeout, Duration idleTimeout, Duration totalTimeout, int maxEventBytes) {

    /** 1 MiB: far above any token chunk, far below what would hurt the heap. */
    public static final int DEFAULT_MAX_EVENT_BYTES = 1 << 20;

    public StreamSettings {
        requirePositive(firstEventTimeout, "firstEventTimeout");
        requirePositive(idleTimeout, "idleTimeout");
        requirePositive(totalTimeout, "totalTimeout");
        if (maxEventBytes <= 0) {
            throw new IllegalArgumentException("maxEventBytes must be positive, was " + maxEventBytes);
        }
    }

    /** Settings with the {@linkplain #DEFAULT_MAX_EVENT_BYTES default event bound}. */
    public static StreamSettings of(Duration firstEventTimeout, Duration idleTimeout, Duration totalTimeout) {
        return new StreamSettings(firstEventTimeout, idleTimeout, totalTimeout, DEFAULT_MAX_EVENT_BYTES);
    }

    public StreamSettings withMaxEventBytes(int bytes) {
        return new StreamSettings(firstEventTimeout, idleTimeout, totalTimeout, bytes);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
