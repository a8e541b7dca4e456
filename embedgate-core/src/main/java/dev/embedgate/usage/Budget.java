package dev.embedgate.usage;

/**
 * A spend cap; either cap may be unset.
 *
 * @param dailyNanoUsd   per UTC day, in 10^-9 US dollars, or null
 * @param monthlyNanoUsd per UTC month, in 10^-9 US dollars, or null
 * @param onExhausted    what happens to requests once a cap is reached
 */
public record Budget(Long dailyNanoUsd, Long monthlyNanoUsd, Action onExhausted) {

    /** What a reached cap does. */
    public enum Action {
        /** Requests get a 429 until the period ends. */
        REJECT,
        /** The provider is skipped and the route's next provider of the same space serves (provider budgets only). */
        REROUTE
    }

    public Budget {
        if (dailyNanoUsd != null && dailyNanoUsd < 0 || monthlyNanoUsd != null && monthlyNanoUsd < 0) {
            throw new IllegalArgumentException("a budget cannot be negative");
        }
        if (onExhausted == null) {
            onExhausted = Action.REJECT;
        }
    }

    /** The cap for the period, or null. */
    Long cap(SpendPeriod period) {
        return period == SpendPeriod.DAY ? dailyNanoUsd : monthlyNanoUsd;
    }
}
