package dev.embedgate.testkit.wire;

import io.javalin.http.Context;
import java.util.List;
import java.util.Set;

/** The keys the keyed routes accept: the configured ones, or any non-empty key if none is configured. */
public final class ApiKeys {

    private final Set<String> accepted;

    public ApiKeys(List<String> accepted) {
        this.accepted = Set.copyOf(accepted);
    }

    public boolean accepts(String key) {
        return key != null && !key.isBlank() && (accepted.isEmpty() || accepted.contains(key));
    }

    /** The key in an {@code Authorization: Bearer <key>} header, or null without one. */
    public static String bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null) {
            return null;
        }
        header = header.trim();
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String key = header.substring(7).trim();
            return key.isEmpty() ? null : key;
        }
        return null;
    }

    /**
     * The key with its middle hidden, as OpenAI echoes a wrong key ({@code sk-ab***yz}): never more than a quarter
     * of it, and nothing at all of a short key.
     */
    public static String mask(String key) {
        if (key.length() < 8) {
            return "***";
        }
        int head = Math.min(5, key.length() / 4);
        int tail = Math.min(2, key.length() / 8);
        return key.substring(0, head) + "***" + key.substring(key.length() - tail);
    }
}
