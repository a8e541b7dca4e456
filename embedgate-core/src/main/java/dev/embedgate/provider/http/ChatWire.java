package dev.embedgate.provider.http;

import dev.embedgate.chat.ChatCompletion;
import dev.embedgate.chat.ChatRequest;
import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * One chat wire format (OpenAI's {@code /chat/completions}, Ollama's {@code /api/chat}, Cohere's {@code /v2/chat}):
 * how a request is written and how a whole or streamed answer is read. {@link RemoteChatProvider} does the rest (the
 * HTTP call, deadlines, usage estimates, and what a failure means once text has reached the caller). Stateless: what a stream keeps is its {@link EventReader}'s.
 *
 * @param <E> a streamed answer's unit: {@link ServerSentEvent} or one NDJSON line
 */
public interface ChatWire<E> {

    /** The request body, asking for a streamed answer or a whole one. */
    byte[] body(String model, ChatRequest request, boolean stream);

    /**
     * Reads a whole 2xx answer; token counts the answer does not give are -1 (the provider estimates them).
     *
     * @throws IOException if it cannot be read
     */
    ChatCompletion readAnswer(byte[] body) throws IOException;

    /** Runs the streamed call to its end: {@link ProviderHttpClient#streamEvents} or {@link ProviderHttpClient#streamLines}. */
    StreamSummary stream(ProviderHttpClient http, URI uri, Map<String, String> headers, byte[] body,
            StreamSettings settings, StreamListener<E> listener);

    /** A reader for one streamed answer's events: one per stream, so it may keep what it reuses from event to event. */
    EventReader<E> eventReader();

    /** Reads the events of one streamed answer, and is closed at its end. Not thread-safe. */
    @FunctionalInterface
    interface EventReader<E> extends AutoCloseable {

        /**
         * Reads one event into {@code answer}: text, the finish reason, usage, the last event.
         *
         * @throws IOException                                  if it cannot be read
         * @throws dev.embedgate.provider.ProviderCallException an error event ({@link StreamedAnswer#errorEvent})
         */
        void read(E event, StreamedAnswer answer) throws IOException;

        /** Gives back what the reader kept for the stream. */
        @Override
        default void close() {
        }
    }
}
