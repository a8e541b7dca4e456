package dev.embedgate.error;

/**
 * A request was served but its usage could not be written to the ledger, which durable usage
 * ({@link dev.embedgate.usage.LedgerWrites#DURABLE}) requires before answering; the caller may retry.
 */
public final class UsageNotRecordedException extends EmbedGateException {

    public UsageNotRecordedException(Throwable cause) {
        super("the usage ledger cannot be written, and this gateway answers only requests whose usage it has "
                + "recorded; retry once its store is back", cause);
    }
}
