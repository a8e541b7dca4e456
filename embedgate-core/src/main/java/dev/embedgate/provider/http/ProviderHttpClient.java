package dev.embedgate.provider.http;

import dev.embedgate.call.ResilientCallPath;
import dev.embedgate.error.RequestCancelledException;
import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.http.StreamSummary.Ending;
import dev.embedgate.provider.http.blocking.BlockingHttpClient;
import dev.embedgate.provider.http.blocking.HttpAnswer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One remote provider's HTTP connections and the plumbing every wire format shares: a JSON POST with a
 * per-attempt timeout covering the whole answer (headers and body), and a JSON POST whose answer is streamed to a
 * listener event by event (server-sent events or newline-delimited JSON, with deadlines for the first event,
 * between events and in total), both exchanged on the calling thread by a {@link BlockingHttpClient} (the hot path
 * of every embedding call and of every streamed token), and the mapping of every way either can fail to a
 * {@link ProviderCallException} whose kind tells the pipeline what to do. It never retries (the pipeline does), beyond sending a request once
 * more when its pooled connection turns out to have been closed by the server before any answer came. Messages
 * name the provider and the endpoint (scheme, host, port, path), never a credential. Thread-safe.
 */
public final class ProviderHttpClient implements AutoCloseable {

    /** Reads a 2xx answer. Parse errors of any kind become {@code INVALID_RESPONSE}. */
    @FunctionalInterface
    public interface AnswerReader<T> {
        T read(byte[] body, HttpHeaders headers) throws IOException;
    }

    /** Turns a non-2xx answer into a failure; {@link ErrorAnswer#toException()} is the standard mapping. */
    @FunctionalInterface
    public interface ErrorMapper {
        ProviderCallException map(ErrorAnswer answer);
    }

    private static final String USER_AGENT = "EmbedGate";
    /** The data of the event with which OpenAI-compatible servers end a stream. */
    private static final byte[] DONE_MARKER = "[DONE]".getBytes(StandardCharsets.US_ASCII);

    private final String provider;
    private final RemoteEndpoint endpoint;
    private final ErrorMapper errorMapper;
    private final HttpFailures failures;
    private final BlockingHttpClient exchanges = new BlockingHttpClient();

    public ProviderHttpClient(String provider, RemoteEndpoint endpoint) {
        this(provider, endpoint, ErrorAnswer::toException);
    }

    /** @param errorMapper reads a provider's non-2xx answers (for provider-specific signals such as HF's estimated_time) */
    public ProviderHttpClient(String provider, RemoteEndpoint endpoint, ErrorMapper errorMapper) {
        this.provider = provider;
        this.endpoint = endpoint;
        this.errorMapper = errorMapper;
        this.failures = new HttpFailures(provider, endpoint);
    }

    public RemoteEndpoint endpoint() {
        return endpoint;
    }

    /**
     * POSTs a JSON body and reads the 2xx answer.
     *
     * @param uri     where to (from {@link RemoteEndpoint#resolve})
     * @param headers extra headers, such as the credential's
     * @throws ProviderCallException on any failure, with its kind
     */
    public <T> T postJson(URI uri, Map<String, String> headers, byte[] body, AnswerReader<T> reader) {
        HttpAnswer answer = send(uri, withJsonBody(headers, "application/json"), body);
        int status = answer.status();
        if (!successful(status)) {
            throw errorMapper.map(errorAnswer(status, answer.headers(), answer.body()));
        }
        try {
            return reader.read(answer.body(), answer.headers());
        } catch (ProviderCallException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw failures.unreadable(status, "answer", e);
        }
    }

    /**
     * The endpoint's per-attempt timeout, cut to what is left of the deadline of the call this attempt belongs to
     * (never below a millisecond: the attempt then fails at once as a timeout).
     */
    private Duration attemptTimeout() {
        Duration timeout = endpoint.timeout();
        return ResilientCallPath.timeLeft().filter(left -> left.compareTo(timeout) < 0)
                .map(left -> left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left)
                .orElse(timeout);
    }

    /** One exchange on the calling thread, its deadline covering the whole answer. */
    private HttpAnswer send(URI uri, Map<String, String> headers, byte[] body) {
        try {
            return exchanges.post(uri, headers, body, attemptTimeout());
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new RequestCancelledException("the request was cancelled during its call to " + provider, e);
            }
            throw failures.transport(e);
        }
    }

    /**
     * POSTs a JSON body and streams the {@code text/event-stream} answer (OpenAI, the Hugging Face router, vLLM,
     * TGI) on the calling thread: each event goes to the listener as soon as it is complete, comments are skipped,
     * and an event whose data is {@code [DONE]} ends the call ({@link Ending#DONE_MARKER}) without reaching the
     * listener (the few bytes that end the body are then read and dropped, so that the connection serves the next
     * call). Returns when the stream has ended; {@link StreamSettings} gives its deadlines. A non-2xx answer is read
     * whole and mapped as {@link #postJson} maps it, by the same {@link ErrorMapper}.
     * <p>
     * Whatever ends a call before its body's end closes the connection. An interrupt of the calling thread (a virtual
     * thread: a platform thread's socket reads ignore interrupts and run to their deadline) ends the call at once, as
     * a failure that keeps the interrupt flag.
     *
     * @param uri     where to (from {@link RemoteEndpoint#resolve})
     * @param headers extra headers, such as the credential's
     * @return how the stream ended, with the count of events the listener accepted
     * @throws StreamFailedException a deadline, an error status, a broken connection, a malformed stream, an event the
     *                               listener could not read; with the count of events delivered before
     * @throws RuntimeException      whatever else the listener threw, as it was
     */
    public StreamSummary streamEvents(URI uri, Map<String, String> headers, byte[] body, StreamSettings settings,
            StreamListener<ServerSentEvent> listener) {
        return stream(uri, headers, body, "text/event-stream", new StreamingCall<>(failures, settings,
                new SseParser(settings.maxEventBytes()), event -> event.dataIs(DONE_MARKER), listener));
    }

    /**
     * POSTs a JSON body and streams the newline-delimited JSON answer (Ollama's {@code /api/chat}): each non-blank
     * line goes to the listener, as text, as soon as it is complete; the call ends with the body
     * ({@link Ending#END_OF_BODY}). Otherwise as {@link #streamEvents}.
     */
    public StreamSummary streamLines(URI uri, Map<String, String> headers, byte[] body, StreamSettings settings,
            StreamListener<String> listener) {
        return stream(uri, headers, body, "application/x-ndjson", new StreamingCall<>(failures, settings,
                new NdjsonParser(settings.maxEventBytes()), line -> false, listener));
    }

    private StreamSummary stream(URI uri, Map<String, String> headers, byte[] body, String accept, StreamingCall<?> call) {
        return call.run(exchanges, uri, withJsonBody(headers, accept), body,
                answer -> errorMapper.map(errorAnswer(answer.status(), answer.headers(), answer.body())));
    }

    /** The headers of a JSON POST that accepts {@code accept}, then the caller's (which may override them). */
    private static Map<String, String> withJsonBody(Map<String, String> headers, String accept) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Content-Type", "application/json");
        all.put("Accept", accept);
        all.put("User-Agent", USER_AGENT);
        all.putAll(headers);
        return all;
    }

    private static boolean successful(int status) {
        return status >= 200 && status < 300;
    }

    private ErrorAnswer errorAnswer(int status, HttpHeaders headers, byte[] body) {
        return new ErrorAnswer(provider, endpoint.describe(), status, headers, body, endpoint.apiKey());
    }

    /** Closes idle connections and refuses new calls; calls in flight finish. Does not block. */
    @Override
    public void close() {
        exchanges.close();
    }
}
