package dev.embedgate.usage;

/** When the {@link UsageRecorder} writes a request's usage to the ledger. */
public enum LedgerWrites {

    /**
     * Counted in memory and written every flush interval, off the request path: a process that dies without
     * closing (kill -9, out of memory, power loss) loses up to one interval of answered requests.
     */
    BATCHED,

    /**
     * Written, in a transaction synced to disk ({@link UsageLedger#addDurably}), before the request is answered:
     * every answered request is in the ledger, whatever happens to the process or the machine next. A request whose
     * usage cannot be written is refused.
     */
    DURABLE
}
