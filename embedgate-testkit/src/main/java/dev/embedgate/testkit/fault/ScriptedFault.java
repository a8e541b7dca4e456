package dev.embedgate.testkit.fault;

import java.util.Locale;

/**
 * One step of a route's fault script.
 *
 * @param kind              what happens to the call
 * @param status            the HTTP status, for {@link Kind#STATUS}
 * @param retryAfterSeconds the {@code retry-after} a scripted 429 carries (default 1)
 * @param afterChunks       for the stream faults ({@link Kind#DROP}, {@link Kind#STALL}, {@link Kind#STREAM_ERROR}):
 *                          the text chunks a streamed chat answer sends before the fault
 */
public record ScriptedFault(Kind kind, int status, long retryAfterSeconds, int afterChunks) {

    public enum Kind {
        OK, STATUS, RESET, HANG, MALFORMED, NAN, WRONG_DIMENSIONS, WRONG_COUNT, COLD_START,
        /** A streamed chat answer's connection drops after N chunks. */
        DROP,
        /** A streamed chat answer stops sending after N chunks and keeps the connection open (for {@code hangMillis}). */
        STALL,
        /** A streamed chat answer sends the vendor's in-stream error event after N chunks. */
        STREAM_ERROR
    }

    private static final String FORMS = "status:<code>, status:429:<retryAfterSeconds>, reset, hang, malformed, nan, "
            + "wrong_dimensions, wrong_count, cold_start, ok, drop:<chunks>, stall:<chunks>, stream_error:<chunks>";

    /** Parses {@code status:503}, {@code status:429:2}, {@code reset}, {@code drop:3}, ... (case-insensitive). */
    public static ScriptedFault parse(String step) {
        if (step == null) {
            throw new IllegalArgumentException("a script step is empty; steps are " + FORMS);
        }
        String text = step.trim().toLowerCase(Locale.ROOT);
        for (Kind streamKind : new Kind[] {Kind.DROP, Kind.STALL, Kind.STREAM_ERROR}) {
            String prefix = streamKind.name().toLowerCase(Locale.ROOT) + ":";
            if (text.replace('-', '_').startsWith(prefix)) {
                try {
                    int chunks = Integer.parseInt(text.substring(prefix.length()));
                    if (chunks < 0) {
                        throw new NumberFormatException();
                    }
                    return new ScriptedFault(streamKind, 0, 0, chunks);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("script step '" + step + "' is not " + prefix
                            + "<chunks sent first, 0 or more>");
                }
            }
        }
        if (text.startsWith("status:")) {
            String[] parts = text.split(":");
            try {
                int status = Integer.parseInt(parts[1]);
                if (status < 400 || status > 599 || parts.length > 3 || (parts.length == 3 && status != 429)) {
                    throw new NumberFormatException();
                }
                long retryAfter = parts.length == 3 ? Long.parseLong(parts[2]) : 1;
                if (retryAfter < 0) {
                    throw new NumberFormatException();
                }
                return new ScriptedFault(Kind.STATUS, status, retryAfter, 0);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("script step '" + step + "' is not status:<400-599> or "
                        + "status:429:<retryAfterSeconds>");
            }
        }
        try {
            Kind kind = Kind.valueOf(text.replace('-', '_').toUpperCase(Locale.ROOT));
            if (kind != Kind.STATUS && kind != Kind.DROP && kind != Kind.STALL && kind != Kind.STREAM_ERROR) {
                return new ScriptedFault(kind, 0, 0, 0);
            }
        } catch (IllegalArgumentException e) {
            // falls through to the message that lists every form
        }
        throw new IllegalArgumentException("unknown script step '" + step + "'; steps are " + FORMS);
    }
}
