package dev.embedgate.provider.http;

import java.io.IOException;

/**
 * Receives a streamed answer's events as they arrive, from {@link ProviderHttpClient#streamEvents} or
 * {@link ProviderHttpClient#streamLines}.
 * <p>
 * It is called once per event, in order, on the thread that started the call; reading from the connection waits
 * while it runs, and time spent in it does not count against the idle deadline (the total deadline is checked
 * between events: a listener that blocks holds the call). An event counts
 * as delivered (and a later failure as "after the first event") only once this method returns normally, so a
 * listener should read the event fully before passing anything on.
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
}
