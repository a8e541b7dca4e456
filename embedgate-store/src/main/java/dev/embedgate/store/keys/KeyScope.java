package dev.embedgate.store.keys;

import java.util.Locale;

/** What a gateway API key may do. */
public enum KeyScope {
    /** Call the embedding API (and the other capabilities), within the key's models, limits and budgets. */
    TENANT,
    /** Everything a tenant key may, and the operator's routes: {@code /status}, {@code /admin/...}. */
    ADMIN;

    /** The lower-case name stored in {@code api_keys.scope} and shown in lists, e.g. {@code tenant}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static KeyScope fromWireName(String stored) {
        return valueOf(stored.toUpperCase(Locale.ROOT));
    }
}
