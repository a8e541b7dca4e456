package dev.embedgate.usage;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The ledger's spend of one UTC month, summed per scope and name, for the day and for the month. */
record MonthTotals(LocalDate asOf, Map<SpendScope, Map<String, Long>> day, Map<SpendScope, Map<String, Long>> month) {

    static final MonthTotals EMPTY = new MonthTotals(LocalDate.MIN, Map.of(), Map.of());

    static MonthTotals of(LocalDate today, List<UsageEntry> rows) {
        var day = new EnumMap<SpendScope, Map<String, Long>>(SpendScope.class);
        var month = new EnumMap<SpendScope, Map<String, Long>>(SpendScope.class);
        for (SpendScope scope : SpendScope.values()) {
            day.put(scope, new HashMap<>());
            month.put(scope, new HashMap<>());
        }
        for (UsageEntry row : rows) {
            for (SpendScope scope : SpendScope.values()) {
                if (SpendPeriod.MONTH.contains(row.day(), today)) {
                    month.get(scope).merge(scope.nameIn(row), row.costNanoUsd(), Long::sum);
                }
                if (SpendPeriod.DAY.contains(row.day(), today)) {
                    day.get(scope).merge(scope.nameIn(row), row.costNanoUsd(), Long::sum);
                }
            }
        }
        return new MonthTotals(today, day, month);
    }

    /** Zero for a period these totals were not taken in (the day or month changed since). */
    long spent(SpendScope scope, String name, SpendPeriod period, LocalDate today) {
        if (!period.contains(asOf, today)) {
            return 0;
        }
        Map<SpendScope, Map<String, Long>> totals = period == SpendPeriod.DAY ? day : month;
        return totals.getOrDefault(scope, Map.of()).getOrDefault(name, 0L);
    }
}
