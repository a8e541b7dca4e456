package dev.embedgate.provider.http;

import java.nio.ByteBuffer;

/**
 * Turns a streamed answer, chunk by chunk as it arrives, into events. Events may be split across chunks in any
 * way (inside a line, a line end or a UTF-8 character). Not thread-safe: one per stream.
 *
 * @param <E> the event type
 */
interface StreamParser<E> {

    /** Receives each event as soon as it is complete; returns false to stop reading. */
    @FunctionalInterface
    interface EventSink<E> {
        boolean accept(E event);
    }

    /**
     * Reads one chunk, handing every event it completes to the sink, in order.
     *
     * @return false if the sink asked to stop
     * @throws MalformedStreamException if the stream breaks the format's rules (an event over the size bound)
     */
    boolean feed(ByteBuffer chunk, EventSink<E> sink) throws MalformedStreamException;

    /** The body has ended: hands over what the format counts as a last, complete event, if any. */
    void end(EventSink<E> sink) throws MalformedStreamException;
}
