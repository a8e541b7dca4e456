package dev.embedgate.usage;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/** Where usage is kept: the operational database, or nowhere. Implementations are thread-safe. */
public interface UsageLedger {

    /** Adds the entries' counts to the rows of the same key, creating rows that do not exist yet. */
    void add(Collection<UsageEntry> entries);

    /**
     * As {@link #add}, all or nothing, and on disk when this returns: the rows survive a crash of this process and of
     * the machine. A ledger that keeps nothing, or keeps only what it has already made durable, need not override it.
     */
    default void addDurably(Collection<UsageEntry> entries) {
        add(entries);
    }

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
