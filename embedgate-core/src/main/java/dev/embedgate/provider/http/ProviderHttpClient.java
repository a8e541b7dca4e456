package dev.embedgate.provider.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.ProviderCallException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * One remote provider's HTTP connection pool and the plumbing every wire format shares: a JSON POST with a
 * per-attempt timeout covering the whole answer (headers and body), and the mapping of every way it can fail to a
 * {@link ProviderCallException} whose kind tells the pipeline what to do. It never retries: the pipeline does.
 * Messages name the provider and the endpoint (scheme, host, port, path), never a credential. Thread-safe.
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
    /** Jackson's "(start marker at [Source: …; line: 1, column: 26])": noise in a one-line message. */
    private static final Pattern JACKSON_LOCATION = Pattern.compile("\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)|\\s*\\[Source:[^\\]]*\\]");

    private final String provider;
    private final RemoteEndpoint endpoint;
    private final ErrorMapper errorMapper;
    private final HttpClient client;

    public ProviderHttpClient(String provider, RemoteEndpoint endpoint) {
        this(provider, endpoint, ErrorAnswer::toException);
    }

    /** @param errorMapper reads a provider's non-2xx answers (for provider-specific signals such as HF's estimated_time) */
    public ProviderHttpClient(String provider, RemoteEndpoint endpoint, ErrorMapper errorMapper) {
        this.provider = provider;
        this.endpoint = endpoint;
        this.errorMapper = errorMapper;
        // Plain-http servers (Ollama, TEI, vLLM on a LAN) get HTTP/1.1: the JDK's h2c upgrade attempt confuses some.
        boolean plain = endpoint.baseUrl().getScheme().equalsIgnoreCase("http");
        this.client = HttpClient.newBuilder()
                .version(plain ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
                .connectTimeout(endpoint.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
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
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(endpoint.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        HttpResponse<byte[]> response = send(request.build());
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            throw errorMapper.map(new ErrorAnswer(provider, endpoint.describe(), status, response.headers(),
                    response.body() == null ? new byte[0] : response.body(), endpoint.apiKey()));
        }
        try {
            return reader.read(response.body() == null ? new byte[0] : response.body(), response.headers());
        } catch (ProviderCallException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // No cause attached: a parser's exception may quote the answer, which is not ours to repeat unfiltered.
            throw new ProviderCallException(provider, Kind.INVALID_RESPONSE, status, null, provider
                    + ": unreadable answer from " + endpoint.describe() + ": " + SafeText.of(message(e), endpoint.apiKey()),
                    null);
        }
    }

    /** Sends with a deadline on the whole exchange: the client's own timeout stops at the headers. */
    private HttpResponse<byte[]> send(HttpRequest request) {
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        Duration timeout = endpoint.timeout();
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw timedOut(e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProviderCallException(provider, Kind.TIMEOUT, 0, null,
                    provider + ": interrupted while waiting for " + endpoint.describe(), e);
        } catch (ExecutionException | CompletionException | CancellationException e) {
            throw transportFailure(e.getCause() == null ? e : e.getCause());
        }
    }

    private ProviderCallException transportFailure(Throwable failure) {
        if (failure instanceof HttpConnectTimeoutException) {
            return new ProviderCallException(provider, Kind.CONNECTION, 0, null, provider + ": could not connect to "
                    + endpoint.describe() + " within " + endpoint.timeout().toMillis() + " ms", failure);
        }
        if (failure instanceof HttpTimeoutException) {
            return timedOut(failure);
        }
        if (failure instanceof ConnectException) {
            return new ProviderCallException(provider, Kind.CONNECTION, 0, null, provider + ": could not connect to "
                    + endpoint.describe() + describeCause(failure), failure);
        }
        if (failure instanceof IOException || failure instanceof ClosedChannelException) {
            return new ProviderCallException(provider, Kind.CONNECTION, 0, null, provider + ": the connection to "
                    + endpoint.describe() + " failed" + describeCause(failure), failure);
        }
        return new ProviderCallException(provider, Kind.CONNECTION, 0, null, provider + ": the call to "
                + endpoint.describe() + " failed" + describeCause(failure), failure);
    }

    private ProviderCallException timedOut(Throwable cause) {
        return new ProviderCallException(provider, Kind.TIMEOUT, 0, null, provider + ": no complete answer from "
                + endpoint.describe() + " within " + endpoint.timeout().toMillis() + " ms", cause);
    }

    private String describeCause(Throwable failure) {
        String text = SafeText.of(message(failure), endpoint.apiKey());
        return text.isEmpty() ? "" : " (" + text + ")";
    }

    private static String message(Throwable failure) {
        String message = failure instanceof JsonProcessingException json ? json.getOriginalMessage() : failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.getClass().getSimpleName();
        }
        return JACKSON_LOCATION.matcher(message).replaceAll("");
    }

    /** Stops accepting calls; calls in flight finish. Does not block. */
    @Override
    public void close() {
        client.shutdown();
    }
}
