package dev.embedgate.error;

/** Base of the failures EmbedGate reports to its callers; the HTTP layer maps each subtype to one status. */
public abstract sealed class EmbedGateException extends RuntimeException
        permits InvalidRequestException, ModelNotFoundException, OverloadedException, ProviderFailureException,
        RateLimitedException, ModelNotAllowedException, BudgetExceededException, RequestCancelledException,
        UsageNotRecordedException, ConflictException,
        NotFoundException {

    protected EmbedGateException(String message, Throwable cause) {
        super(message, cause);
    }
}
