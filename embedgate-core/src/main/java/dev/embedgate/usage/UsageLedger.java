package dev.embedgate.usage;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/** Where usage is kept: the operational database, or nowhere. Implementations are thread-safe. */
public interface UsageLedger {

    /** Adds the entries' counts to the rows of the same key, creating rows that do not exist yet. */
    void add(Collection<UsageEntry> entries);

    /** Every row from {@code since} (inclusive) on. */
    List<UsageEntry> since(LocalDate since);

    /** Keeps nothing. */
    UsageLedger NONE = new UsageLedger() {
        @Override
        public void add(Collection<UsageEntry> entries) {
        }

        @Override
        public List<UsageEntry> since(LocalDate since) {
            return List.of();
        }
    };
}
