package dev.embedgate.server.usage;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.LocalDate;
import java.util.List;

/**
 * The usage ledger summed by one grouping.
 *
 * @param since  the first UTC day counted (ISO-8601 in JSON)
 * @param by     how rows were grouped
 * @param groups one total per group, sorted by group name
 * @param total  every group summed, or null when nothing was recorded
 */
public record UsageReport(@JsonSerialize(using = ToStringSerializer.class) LocalDate since, UsageGrouping by,
                          List<UsageTotal> groups, UsageTotal total) {

    /** The group name of {@link #total}. */
    public static final String TOTAL = "TOTAL";

    public UsageReport {
        groups = List.copyOf(groups);
    }
}
