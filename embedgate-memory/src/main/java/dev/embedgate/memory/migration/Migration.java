package dev.embedgate.memory.migration;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A re-embedding migration as its store keeps it: what it migrates, where it is and what it did. Every instance of
 * the gateway that shares the store sees the same record and works on it.
 *
 * @param id             {@code mig_} and random characters
 * @param scope          the namespaces and the target space
 * @param batchSize      memories per embedding request
 * @param maxRateShare   the part of the target provider's rate limits the migration may use, in (0, 1]
 * @param startedBy      the gateway key it was started with (its usage is billed there), or {@code ""}
 * @param state          where it is
 * @param reason         why it is waiting, stopped or paused (null otherwise)
 * @param resumeAt       when a waiting migration tries its providers again (null unless waiting)
 * @param previousSpaces each namespace's active space before cutover (empty before it): where rollback returns
 * @param totals         what was embedded and spent so far
 * @param createdAt      when it was started
 * @param updatedAt      when its record last changed
 * @param backfilledAt   when every memory in scope first had a target vector (null before)
 * @param cutOverAt      when the target became active (null unless cut over)
 */
public record Migration(String id, MigrationScope scope, int batchSize, double maxRateShare, String startedBy,
                        MigrationState state, String reason, Instant resumeAt, Map<String, String> previousSpaces,
                        MigrationTotals totals, Instant createdAt, Instant updatedAt, Instant backfilledAt,
                        Instant cutOverAt) {

    public static final int MAX_BATCH_SIZE = 2048;

    public Migration {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(scope, "scope");
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("batch size must be 1.." + MAX_BATCH_SIZE + ", was " + batchSize);
        }
        if (!(maxRateShare > 0 && maxRateShare <= 1)) {
            throw new IllegalArgumentException("the rate share must be in (0, 1], was " + maxRateShare);
        }
        Objects.requireNonNull(startedBy, "startedBy");
        Objects.requireNonNull(state, "state");
        previousSpaces = Map.copyOf(previousSpaces);
        Objects.requireNonNull(totals, "totals");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public String targetSpace() {
        return scope.targetSpace();
    }

    /** The same migration in another state, with the reason and resume time that go with it. */
    public Migration withState(MigrationState newState, String newReason, Instant newResumeAt, Instant now) {
        return new Migration(id, scope, batchSize, maxRateShare, startedBy, newState, newReason, newResumeAt,
                previousSpaces, totals, createdAt, now, newState == MigrationState.BACKFILLED && backfilledAt == null
                ? now : backfilledAt, cutOverAt);
    }

    /** Cut over: the target is active and {@code previous} says what was. */
    public Migration cutOver(Map<String, String> previous, Instant now) {
        return new Migration(id, scope, batchSize, maxRateShare, startedBy, MigrationState.CUT_OVER, null, null,
                previous, totals, createdAt, now, backfilledAt, now);
    }

    /** Rolled back: the previous spaces are active again, the target vectors kept and still written. */
    public Migration rolledBack(Instant now) {
        return new Migration(id, scope, batchSize, maxRateShare, startedBy, MigrationState.BACKFILLED,
                "rolled back at " + now, null, Map.of(), totals, createdAt, now, backfilledAt, null);
    }

    public Migration plus(MigrationTotals more, Instant now) {
        return new Migration(id, scope, batchSize, maxRateShare, startedBy, state, reason, resumeAt, previousSpaces,
                totals.plus(more), createdAt, now, backfilledAt, cutOverAt);
    }
}
