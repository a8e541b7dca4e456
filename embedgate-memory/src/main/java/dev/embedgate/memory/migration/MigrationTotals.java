package dev.embedgate.memory.migration;

/**
 * What a migration's workers have done so far, across every instance and restart.
 *
 * @param embedded    memories embedded in the target space (a vector made from content that changed meanwhile is
 *                    made, counted, and not stored)
 * @param tokens      tokens the providers billed for them (cache hits cost none)
 * @param costNanoUsd what that cost at the price table, in 10^-9 US dollars
 * @param calls       embedding requests made
 */
public record MigrationTotals(long embedded, long tokens, long costNanoUsd, long calls) {

    public static final MigrationTotals NONE = new MigrationTotals(0, 0, 0, 0);

    public MigrationTotals plus(MigrationTotals more) {
        return new MigrationTotals(embedded + more.embedded, tokens + more.tokens, costNanoUsd + more.costNanoUsd,
                calls + more.calls);
    }
}
