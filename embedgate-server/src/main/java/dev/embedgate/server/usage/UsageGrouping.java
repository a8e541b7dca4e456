package dev.embedgate.server.usage;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.embedgate.usage.UsageEntry;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How ledger rows are summed: per provider, model, gateway API key, capability or UTC day. */
public enum UsageGrouping {
    PROVIDER, MODEL, KEY, CAPABILITY, DAY;

    /** The group name callers without a gateway API key are summed under. */
    public static final String NO_KEY = "(no key)";

    /** The grouping with this name, in any case ({@code provider}, {@code Model}, ...). */
    public static Optional<UsageGrouping> named(String name) {
        return Arrays.stream(values()).filter(grouping -> grouping.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The name of the group a row belongs to. */
    public String groupOf(UsageEntry row) {
        return switch (this) {
            case PROVIDER -> row.provider();
            case MODEL -> row.model();
            case KEY -> row.apiKey().isEmpty() ? NO_KEY : row.apiKey();
            case CAPABILITY -> row.capability().wireName();
            case DAY -> row.day().toString();
        };
    }

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
