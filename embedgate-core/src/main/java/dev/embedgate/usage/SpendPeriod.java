package dev.embedgate.usage;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** The periods budgets cap: the UTC day and the UTC month. */
public enum SpendPeriod {
    DAY, MONTH;

    /** Whether {@code day} falls in this period as it is on {@code today}. */
    boolean contains(LocalDate day, LocalDate today) {
        return this == DAY ? day.equals(today) : day.getYear() == today.getYear() && day.getMonth() == today.getMonth();
    }

    /** When the period that holds {@code now} ends. */
    public ZonedDateTime end(ZonedDateTime now) {
        LocalDate today = now.withZoneSameInstant(ZoneOffset.UTC).toLocalDate();
        LocalDate next = this == DAY ? today.plusDays(1) : today.withDayOfMonth(1).plusMonths(1);
        return next.atStartOfDay(ZoneOffset.UTC);
    }

    public String label() {
        return this == DAY ? "daily" : "monthly";
    }
}
