package dev.embedgate.limits;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * One allowance of a rate limit: at most {@code amount} requests (or tokens) in any {@code window}.
 *
 * @param unit   what is counted
 * @param amount how many per window
 * @param window the window's length (a second, a minute, an hour, a day)
 */
public record Quota(Unit unit, long amount, Duration window) {

    /** What a quota counts. */
    public enum Unit {
        /** Calls to the provider. */
        REQUESTS,
        /** Input tokens of those calls. */
        TOKENS
    }

    public Quota {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(window, "window");
        if (amount <= 0 || !window.isPositive()) {
            throw new IllegalArgumentException("a quota must be positive: " + amount + " " + unit + " per " + window);
        }
    }

    /** The same quota cut to a share of its amount (at least one), for background work. */
    public Quota share(double fraction) {
        return new Quota(unit, Math.max(1, (long) Math.floor(amount * fraction)), window);
    }

    @Override
    public String toString() {
        return amount + " " + unit.name().toLowerCase(Locale.ROOT) + " per " + window;
    }
}
