package dev.embedgate.testkit.fault;

import java.util.Locale;

/**
 * One step of a route's fault script.
 *
 * @param kind              what happens to the call
 * @param status            the HTTP status, for {@link Kind#STATUS}
 * @param retryAfterSeconds the {@code retry-after} a scripted 429 carries (default 1)
 */
public record ScriptedFault(Kind kind, int status, long retryAfterSeconds) {

    public enum Kind { OK, STATUS, RESET, HANG, MALFORMED, NAN, WRONG_DIMENSIONS, WRONG_COUNT, COLD_START }

    private static final String FORMS = "status:<code>, status:429:<retryAfterSeconds>, reset, hang, malformed, nan, "
            + "wrong_dimensions, wrong_count, cold_start, ok";

    /** Parses {@code status:503}, {@code status:429:2}, {@code reset}, ... (case-insensitive). */
    public static ScriptedFault parse(String step) {
        if (step == null) {
            throw new IllegalArgumentException("a script step is empty; steps are " + FORMS);
        }
        String text = step.trim().toLowerCase(Locale.ROOT);
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
                return new ScriptedFault(Kind.STATUS, status, retryAfter);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("script step '" + step + "' is not status:<400-599> or "
                        + "status:429:<retryAfterSeconds>");
            }
        }
        try {
            Kind kind = Kind.valueOf(text.replace('-', '_').toUpperCase(Locale.ROOT));
            if (kind != Kind.STATUS) {
                return new ScriptedFault(kind, 0, 0);
            }
        } catch (IllegalArgumentException e) {
            // falls through to the message that lists every form
        }
        throw new IllegalArgumentException("unknown script step '" + step + "'; steps are " + FORMS);
    }
}
