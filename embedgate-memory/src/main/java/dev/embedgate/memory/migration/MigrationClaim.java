package dev.embedgate.memory.migration;

import dev.embedgate.memory.Memory;
import java.util.List;

/**
 * What a worker got when it asked a {@link MigrationStore} for work.
 *
 * @param memories leased to this worker until the lease ends (empty unless {@link Outcome#CLAIMED})
 * @param outcome  whether there was work, none for now, or none left at all
 */
public record MigrationClaim(List<Memory> memories, Outcome outcome) {

    public static final MigrationClaim WAIT = new MigrationClaim(List.of(), Outcome.WAIT);
    public static final MigrationClaim DONE = new MigrationClaim(List.of(), Outcome.DONE);

    public MigrationClaim {
        memories = List.copyOf(memories);
    }

    public static MigrationClaim of(List<Memory> memories) {
        return memories.isEmpty() ? WAIT : new MigrationClaim(memories, Outcome.CLAIMED);
    }

    public enum Outcome {
        /** Memories were leased to the worker. */
        CLAIMED,
        /** Nothing to claim now: other workers hold the rest, or failed memories wait for their retry time. */
        WAIT,
        /** Every memory in scope has a target vector, or was given up; no lease is held. */
        DONE
    }
}
