package dev.embedgate.memory.migration;

/**
 * Where a migration is. While it is {@link #live()}, every memory saved in its namespaces is embedded in its target
 * space as well as in the active one; after cutover, in the space it replaced as well, so that a rollback finds
 * every memory there.
 */
public enum MigrationState {
    /** Workers are making target vectors. */
    RUNNING,
    /** Paused by its owner; {@code resume} goes on. */
    PAUSED,
    /** The target space's providers failed: it tries again by itself at {@link Migration#resumeAt()}. */
    WAITING,
    /** A budget was spent: it stays stopped until resumed (once the budget allows). */
    STOPPED,
    /** Every memory in scope has a target vector (or failed and is listed): ready for cutover. */
    BACKFILLED,
    /** The target space is now its namespaces' active space; {@code rollback} switches back. */
    CUT_OVER,
    /** Cancelled before cutover; its target vectors stay until the space is dropped. */
    CANCELLED,
    /** The space it replaced was dropped: nothing is left to roll back to. */
    FINISHED;

    /** Whether saves in its namespaces are embedded in its target space too. */
    public boolean live() {
        return this == RUNNING || this == PAUSED || this == WAITING || this == STOPPED || this == BACKFILLED;
    }

    /** Whether workers claim memories for it (a waiting one, once its resume time has come). */
    public boolean working() {
        return this == RUNNING || this == WAITING;
    }
}
