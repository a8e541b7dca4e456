package dev.embedgate.server.usage;

import dev.embedgate.usage.UsageEntry;
import dev.embedgate.usage.UsageLedger;
import java.time.LocalDate;
import java.util.TreeMap;

/**
 * The usage ledger summed for people: what was spent and what the cache saved, by provider, model, gateway API
 * key or day. A running gateway writes usage to the ledger in batches, so its last second or so may not show yet.
 * Thread-safe.
 */
public final class UsageService {

    private final UsageLedger ledger;

    public UsageService(UsageLedger ledger) {
        this.ledger = ledger;
    }

    /** Usage from {@code since} (a UTC day, inclusive) on, one total per group. */
    public UsageReport summary(UsageGrouping by, LocalDate since) {
        var sums = new TreeMap<String, UsageEntry>();
        for (UsageEntry row : ledger.since(since)) {
            sums.merge(by.groupOf(row), row, UsageEntry::plus);
        }
        UsageEntry all = sums.values().stream().reduce(UsageEntry::plus).orElse(null);
        return new UsageReport(since, by, sums.entrySet().stream()
                .map(sum -> UsageTotal.of(sum.getKey(), sum.getValue())).toList(),
                all == null ? null : UsageTotal.of(UsageReport.TOTAL, all));
    }
}
