package dev.embedgate.provider.http;

import java.io.IOException;

/**
 * Receives a streamed answer's events as they arrive, from {@link ProviderHttpClient#streamEvents} or
 * {@link ProviderHttpClient#streamLines}.
 * <p>
 * It is called once per event, in order, on the thread that started the call (a {@link #relayable} listener may get
 * the events after the first from the relay's thread instead); reading from the connection waits
 * while it runs, and time spent in it does not count against the idle deadline (the total deadline is checked
 * between events: a listener that blocks holds the call). An event counts
 * as delivered (and a later failure as "after the first event") only once this method returns normally, so a
 * listener should read the event fully before passing anything on. A {@link ServerSentEvent}'s data can be read only
 * until this method returns (it borrows the parser's buffer): a listener that keeps an event keeps its
 * {@link ServerSentEvent#copy}.
 *
 * @param <E> {@link ServerSentEvent} or, for newline-delimited JSON, one line of text
 */
@FunctionalInterface
public interface StreamListener<E> {

    /**
     * @throws IOException if the event cannot be read (malformed JSON, say): the call fails with
     *                     {@code INVALID_RESPONSE}. A {@link dev.embedgate.provider.ProviderCallException} thrown
     *                     here (an error object in the stream) fails the call with its own kind. Any other
     *                     exception ends the call and is rethrown as it is.
     */
    void onEvent(E event) throws IOException;

    /**
     * Whether events after the first may be delivered on a {@link StreamRelay} thread, which many streams share: then
     * the listener never waits, and reports a write it could not finish at once with {@link RelayedDelivery#pending}.
     */
    default boolean relayable() {
        return false;
    }

    /** {@code listener}, accepting relayed delivery ({@link #relayable}). */
    static <E> StreamListener<E> relayable(StreamListener<E> listener) {
        return new StreamListener<>() {
            @Override
            public void onEvent(E event) throws IOException {
                listener.onEvent(event);
            }

            @Override
            public boolean relayable() {
                return true;
            }
        };
    }
}
