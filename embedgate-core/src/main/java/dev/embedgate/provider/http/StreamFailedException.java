package dev.embedgate.provider.http;

import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.ProviderCallException.Kind;

/**
 * A streamed call failed, and whether any event had reached the listener first. The failure itself is the same
 * {@link ProviderCallException} (same kinds, same safe messages) a whole-answer call would give. It is deliberately
 * not a {@code ProviderCallException}: a retry or failover written for whole answers must not silently repeat a
 * stream whose first tokens were already passed on; the caller checks {@link #afterFirstEvent()} and decides.
 */
public final class StreamFailedException extends RuntimeException {

    private final ProviderCallException failure;
    private final long eventsDelivered;

    public StreamFailedException(ProviderCallException failure, long eventsDelivered) {
        super(failure.getMessage() + (eventsDelivered == 0 ? " (before the first event)"
                : " (after " + eventsDelivered + (eventsDelivered == 1 ? " event)" : " events)")), failure);
        this.failure = failure;
        this.eventsDelivered = eventsDelivered;
    }

    /** The failure, with its kind, HTTP status and Retry-After, as a whole-answer call would report it. */
    public ProviderCallException failure() {
        return failure;
    }

    public Kind kind() {
        return failure.kind();
    }

    /** Events the listener had accepted before the failure. */
    public long eventsDelivered() {
        return eventsDelivered;
    }

    /** Whether the listener had accepted an event before the failure (then retrying or failing over would repeat it). */
    public boolean afterFirstEvent() {
        return eventsDelivered > 0;
    }
}
