package dev.embedgate.provider.http;

import dev.embedgate.call.ResilientCallPath;
import dev.embedgate.error.RequestCancelledException;
import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.http.StreamSummary.Ending;
import dev.embedgate.provider.http.blocking.BlockingHttpClient;
import dev.embedgate.provider.http.blocking.HttpAnswer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * One remote provider's HTTP connections and the plumbing every wire format shares: a JSON POST with a
 * per-attempt timeout covering the whole answer (headers and body), exchanged on the calling thread by a
 * {@link BlockingHttpClient} (the hot path of every embedding call), a JSON POST whose answer is streamed to a
 * listener event by event (server-sent events or newline-delimited JSON, with deadlines for the first event,
 * between events and in total), and the mapping of every way either can fail to a {@link ProviderCallException}
 * whose kind tells the pipeline what to do. It never retries (the pipeline does), beyond sending a request once
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
    private static final Executor LISTENER_THREADS = Executors.newVirtualThreadPerTaskExecutor();
    /** The data of the event with which OpenAI-compatible servers end a stream. */
    private static final String DONE_MARKER = "[DONE]";

    private static final Map<String, String> JSON_HEADERS = Map.of(
            "Content-Type", "application/json", "Accept", "application/json", "User-Agent", USER_AGENT);

    private final String provider;
    private final RemoteEndpoint endpoint;
    private final ErrorMapper errorMapper;
    private final HttpFailures failures;
    private final BlockingHttpClient exchanges = new BlockingHttpClient();
    /** Streams only, built by the first: the JDK's client pushes a streamed answer to its listener as it arrives. */
    private HttpClient streamClient;
    private boolean closed;

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
        Map<String, String> allHeaders = new LinkedHashMap<>(JSON_HEADERS);
        allHeaders.putAll(headers);
        HttpAnswer answer = send(uri, allHeaders, body);
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
     * TGI): each event goes to the listener as soon as it is complete, comments are skipped, and an event whose
     * data is {@code [DONE]} ends the call ({@link Ending#DONE_MARKER}) without reaching the listener. Returns once
     * the request is on its way; see {@link StreamingCall} for how the call ends and {@link StreamSettings} for its
     * limits. A non-2xx answer is read whole and mapped as {@link #postJson} maps it, by the same
     * {@link ErrorMapper}.
     *
     * @param uri     where to (from {@link RemoteEndpoint#resolve})
     * @param headers extra headers, such as the credential's
     */
    public StreamingCall streamEvents(URI uri, Map<String, String> headers, byte[] body, StreamSettings settings,
            StreamListener<ServerSentEvent> listener) {
        return stream(uri, headers, body, "text/event-stream", settings, new SseParser(settings.maxEventBytes()),
                call -> event -> {
                    if (DONE_MARKER.equals(event.data())) {
                        call.end(Ending.DONE_MARKER);
                        return false;
                    }
                    return call.deliver(listener, event);
                });
    }

    /**
     * POSTs a JSON body and streams the newline-delimited JSON answer (Ollama's {@code /api/chat}): each non-blank
     * line goes to the listener, as text, as soon as it is complete; the call ends with the body
     * ({@link Ending#END_OF_BODY}). Otherwise as {@link #streamEvents}.
     */
    public StreamingCall streamLines(URI uri, Map<String, String> headers, byte[] body, StreamSettings settings,
            StreamListener<String> listener) {
        return stream(uri, headers, body, "application/x-ndjson", settings, new NdjsonParser(settings.maxEventBytes()),
                call -> line -> call.deliver(listener, line));
    }

    private <E> StreamingCall stream(URI uri, Map<String, String> headers, byte[] body, String accept,
            StreamSettings settings, StreamParser<E> parser, Function<StreamingCall, StreamParser.EventSink<E>> sinkFor) {
        // No request timeout: the call's own deadlines cover the headers as well as the body.
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        var call = new StreamingCall(failures, settings);
        StreamParser.EventSink<E> sink = sinkFor.apply(call);
        HttpResponse.BodyHandler<byte[]> bodyHandler = answer -> {
            call.answered(answer.statusCode());
            return successful(answer.statusCode())
                    ? new StreamBodySubscriber<>(parser, sink, call, failures, answer.statusCode())
                    : HttpResponse.BodySubscribers.ofByteArray();
        };
        CompletableFuture<HttpResponse<byte[]>> exchange = streamClient().sendAsync(request.build(), bodyHandler);
        call.attach(exchange);
        call.watchDeadlines();
        exchange.whenComplete((response, failure) -> {
            if (failure != null) {
                call.fail(failures.transport(failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure));
            } else if (!successful(response.statusCode())) {
                call.fail(errorMapper.map(errorAnswer(response)));
            }
        });
        return call;
    }

    private static boolean successful(int status) {
        return status >= 200 && status < 300;
    }

    private ErrorAnswer errorAnswer(HttpResponse<byte[]> response) {
        return errorAnswer(response.statusCode(), response.headers(), response.body() == null ? new byte[0] : response.body());
    }

    private ErrorAnswer errorAnswer(int status, HttpHeaders headers, byte[] body) {
        return new ErrorAnswer(provider, endpoint.describe(), status, headers, body, endpoint.apiKey());
    }

    private synchronized HttpClient streamClient() {
        if (closed) {
            throw new IllegalStateException(provider + ": the HTTP client is closed");
        }
        if (streamClient == null) {
            // Plain-http servers (Ollama, TEI, vLLM on a LAN) get HTTP/1.1: the JDK's h2c upgrade attempt confuses some.
            boolean plain = endpoint.baseUrl().getScheme().equalsIgnoreCase("http");
            streamClient = HttpClient.newBuilder()
                    .version(plain ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
                    // Each event goes on to the listener, which writes it to the gateway's client (a blocking write):
                    // a virtual thread per hand-off instead of a platform thread of an unbounded pool.
                    .executor(LISTENER_THREADS)
                    .connectTimeout(endpoint.timeout())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }
        return streamClient;
    }

    /** Closes idle connections and stops accepting streams; calls in flight finish. Does not block. */
    @Override
    public synchronized void close() {
        closed = true;
        exchanges.close();
        if (streamClient != null) {
            streamClient.shutdown();
        }
    }
}
