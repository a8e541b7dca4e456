package dev.embedgate.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.embedgate.call.CallPaths;
import dev.embedgate.call.Priority;
import dev.embedgate.call.ResiliencePolicy;
import dev.embedgate.limits.ProviderRateLimiter;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.EmbeddingProviderContract;
import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.ProviderCallException.Kind;
import dev.embedgate.provider.ProviderRequest;
import dev.embedgate.provider.ProviderResponse;
import dev.embedgate.provider.Secret;
import dev.embedgate.space.InputType;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every remote provider does on the wire, besides the {@link EmbeddingProviderContract} of every embedding
 * provider, whatever its format: reads its success answer in input order, maps
 * each HTTP failure and transport fault to the right {@link Kind}, refuses invalid answers, and never lets its
 * credential into a message. Each provider's test extends this with its own wire format.
 */
public abstract class RemoteProviderContract extends EmbeddingProviderContract {

    /** Recognisable, so that a leak anywhere is found by a plain search. */
    protected static final Secret KEY = Secret.of("sk-TESTKEY-do-not-leak-0123456789abcdef");
    protected static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);

    protected LoopbackServer server;
    private final List<EmbeddingProvider> opened = new ArrayList<>();

    /** The provider under test, with a model of {@link #dimensions()} dimensions, reaching the endpoint. */
    protected abstract EmbeddingProvider provider(RemoteEndpoint endpoint);

    /** The dimensions of the model {@link #provider} serves. */
    protected abstract int dimensions();

    /** The request path the provider posts to. */
    protected abstract String path();

    /** A success answer in the provider's format holding these vectors (numbers as Java prints them, NaN included). */
    protected abstract String answer(List<float[]> vectors);

    /** An error body in the provider's format carrying this message. */
    protected abstract String errorBody(String message);

    @BeforeEach
    void startServer() {
        server = LoopbackServer.start();
    }

    @AfterEach
    void stopServer() {
        opened.forEach(EmbeddingProvider::close);
        server.close();
    }

    @Override
    protected EmbeddingProvider providerAnswering(int texts) {
        server.answer(200, answer(java.util.stream.IntStream.range(0, texts).mapToObj(this::unit).toList()));
        return provider();
    }

    @Override
    protected Optional<EmbeddingProvider> failingProvider() {
        server.answer(503, errorBody("overloaded, try later"));
        return Optional.of(provider());
    }

    protected EmbeddingProvider provider() {
        return open(provider(new RemoteEndpoint(server.baseUrl(), KEY, Duration.ofSeconds(5))));
    }

    protected EmbeddingProvider open(EmbeddingProvider provider) {
        opened.add(provider);
        return provider;
    }

    protected static ProviderRequest request(String... texts) {
        return new ProviderRequest(List.of(texts), InputType.DOCUMENT, true);
    }

    /** A unit vector with a 1 at position {@code hot}. */
    protected float[] unit(int hot) {
        float[] vector = new float[dimensions()];
        vector[hot % vector.length] = 1f;
        return vector;
    }

    /** JSON numbers as Java prints them ({@code NaN} stays a bare literal, as some servers emit it). */
    protected static String numbers(float[] vector) {
        var out = new StringBuilder("[");
        for (int i = 0; i < vector.length; i++) {
            out.append(i == 0 ? "" : ",").append(vector[i]);
        }
        return out.append(']').toString();
    }

    @Test
    void inputsThatCameAsTokenIdsGoOnTheWireAsTheirTextUnlessTheProviderReadsIds() {
        server.answer(200, answer(List.of(unit(0))));
        EmbeddingProvider provider = provider();

        provider.embed(new ProviderRequest(List.of("hello there"), InputType.DOCUMENT, true, Priority.ONLINE,
                List.of(new int[] {15339, 1070})));   // cl100k_base's "hello there"

        String sent = server.lastRequest().json().toString();
        assertThat(sent.contains("hello there")).as(sent).isEqualTo(!provider.readsTokenIds());
        assertThat(sent.contains("[15339,1070]")).as(sent).isEqualTo(provider.readsTokenIds());
    }

    @Test
    void readsVectorsInInputOrderFromTheDocumentedPath() {
        server.answer(200, answer(List.of(unit(0), unit(1), unit(2))));

        ProviderResponse response = provider().embed(request("first", "second", "third"));

        assertThat(response.vectors()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(response.vectors().get(i)).containsExactly(unit(i));
        }
        assertThat(response.promptTokens()).isPositive();
        assertThat(server.lastRequest().method()).isEqualTo("POST");
        assertThat(server.lastRequest().path()).isEqualTo(path());
        assertThat(server.lastRequest().header("content-type")).startsWith("application/json");
    }

    @Test
    void rateLimitIsRateLimitedWithTheRetryAfterInMilliseconds() {
        server.answer(429, errorBody("Rate limit reached for requests"), "retry-after-ms", "1500", "retry-after", "2");

        ProviderCallException failure = failure(() -> provider().embed(request("a")));

        assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(failure.httpStatus()).isEqualTo(429);
        assertThat(failure.retryAfter()).contains(Duration.ofMillis(1500));
        assertThat(failure).hasMessageContaining("Rate limit reached for requests");
    }

    @Test
    void rateLimitWithRetryAfterSecondsIsHonoured() {
        server.answer(429, errorBody("slow down"), "Retry-After", "7");

        assertThat(failure(() -> provider().embed(request("a"))).retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void serverErrorsAreRetryableServerErrors() {
        for (int status : new int[] {500, 502, 503, 504}) {
            server.answer(status, errorBody("upstream trouble " + status));

            ProviderCallException failure = failure(() -> provider().embed(request("a")));

            assertThat(failure.kind()).isEqualTo(Kind.SERVER_ERROR);
            assertThat(failure.kind().retryable()).isTrue();
            assertThat(failure.httpStatus()).isEqualTo(status);
        }
    }

    @Test
    void refusedCredentialsAreUnauthorizedAndNeverRepeatTheKey() {
        // A careless server echoes the key it was sent; the message must still not carry it.
        server.answer(401, errorBody("Incorrect API key provided: " + KEY.reveal()));

        ProviderCallException failure = failure(() -> provider().embed(request("a")));

        assertThat(failure.kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(failure.kind().retryable()).isFalse();
        assertThat(failure).hasMessageContaining("Incorrect API key provided").hasMessageContaining("[redacted]");
        assertNoKeyIn(failure);
    }

    @Test
    void forbiddenIsUnauthorized() {
        server.answer(403, errorBody("not allowed"));

        assertThat(failure(() -> provider().embed(request("a"))).kind()).isEqualTo(Kind.UNAUTHORIZED);
    }

    @Test
    void otherClientErrorsAreRejectedWithTheProvidersMessage() {
        server.answer(400, errorBody("input must not be empty\nsecond line"));

        ProviderCallException failure = failure(() -> provider().embed(request("a")));

        assertThat(failure.kind()).isEqualTo(Kind.REJECTED);
        assertThat(failure.kind().retryable()).isFalse();
        assertThat(failure).hasMessageContaining("input must not be empty second line").hasMessageContaining("400");
    }

    @Test
    void malformedJsonIsAnInvalidResponse() {
        server.answer(200, "{\"data\": [ {\"embedding\": [0.1, 0.2");

        assertThat(failure(() -> provider().embed(request("a"))).kind()).isEqualTo(Kind.INVALID_RESPONSE);
    }

    @Test
    void htmlInsteadOfJsonIsAnInvalidResponse() {
        server.answer(200, "<html><body>Gateway login</body></html>", "Content-Type", "text/html");

        assertThat(failure(() -> provider().embed(request("a"))).kind()).isEqualTo(Kind.INVALID_RESPONSE);
    }

    @Test
    void wrongNumberOfVectorsIsAnInvalidResponse() {
        server.answer(200, answer(List.of(unit(0))));

        ProviderCallException failure = failure(() -> provider().embed(request("a", "b")));

        assertThat(failure.kind()).isEqualTo(Kind.INVALID_RESPONSE);
        assertThat(failure).hasMessageContaining("1").hasMessageContaining("2");
    }

    @Test
    void wrongDimensionsAreAnInvalidResponse() {
        server.answer(200, answer(List.of(new float[dimensions() + 1])));

        ProviderCallException failure = failure(() -> provider().embed(request("a")));

        assertThat(failure.kind()).isEqualTo(Kind.INVALID_RESPONSE);
        assertThat(failure).hasMessageContaining("dimensions");
    }

    @Test
    void nanValuesAreAnInvalidResponse() {
        float[] poisoned = unit(0);
        poisoned[poisoned.length - 1] = Float.NaN;
        server.answer(200, answer(List.of(poisoned)));

        ProviderCallException failure = failure(() -> provider().embed(request("a")));

        assertThat(failure.kind()).isEqualTo(Kind.INVALID_RESPONSE);
        assertThat(failure).hasMessageContaining("NaN");
    }

    @Test
    void connectionClosedMidAnswerIsAConnectionFailure() {
        server.closeMidAnswer();

        assertThat(failure(() -> provider().embed(request("a"))).kind()).isEqualTo(Kind.CONNECTION);
    }

    @Test
    void connectionResetIsAConnectionFailure() {
        try (var resetting = ResettingServer.start()) {
            var provider = open(provider(new RemoteEndpoint(resetting.baseUrl(), KEY, Duration.ofSeconds(5))));

            ProviderCallException failure = failure(() -> provider.embed(request("a")));

            assertThat(failure.kind()).isEqualTo(Kind.CONNECTION);
            assertNoKeyIn(failure);
        }
    }

    @Test
    void refusedConnectionIsAConnectionFailure() {
        URI closedPort = server.baseUrl();
        server.close();
        var provider = open(provider(new RemoteEndpoint(closedPort, KEY, Duration.ofSeconds(5))));

        ProviderCallException failure = failure(() -> provider.embed(request("a")));

        assertThat(failure.kind()).isEqualTo(Kind.CONNECTION);
        assertThat(failure).hasMessageContaining("127.0.0.1:" + closedPort.getPort());
    }

    @Test
    void anAnswerSlowerThanTheTimeoutIsATimeout() {
        server.hang();
        var provider = open(provider(new RemoteEndpoint(server.baseUrl(), KEY, SHORT_TIMEOUT)));
        long start = System.nanoTime();

        ProviderCallException failure = failure(() -> provider.embed(request("a")));

        assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(failure).hasMessageContaining("300 ms");
    }

    @Test
    void theCallsDeadlineCutsAnAttemptShorterThanTheEndpointsTimeout() {
        server.hang();
        var provider = open(provider(new RemoteEndpoint(server.baseUrl(), KEY, Duration.ofSeconds(20))));
        var policy = ResiliencePolicy.DEFAULT.withDeadline(Duration.ofMillis(400));
        var guarded = CallPaths.standalone().guard(provider, policy, ProviderRateLimiter.UNLIMITED);
        long start = System.nanoTime();

        ProviderCallException failure = failure(() -> guarded.path().call(Priority.ONLINE, 0,
                feedback -> guarded.provider().embed(request("a"))));

        assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void concurrentCallsEachGetTheirOwnAnswer() throws Exception {
        Pattern marker = Pattern.compile("text-(\\d+)");
        server.answer((exchange, request) -> {
            Matcher found = marker.matcher(request.bodyText());
            found.find();
            LoopbackServer.send(exchange, 200, answer(List.of(unit(Integer.parseInt(found.group(1))))));
        });
        EmbeddingProvider provider = provider();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var results = new ArrayList<Future<float[]>>();
            for (int i = 0; i < 40; i++) {
                String text = "text-" + i;
                results.add(threads.submit(() -> provider.embed(request(text)).vectors().getFirst()));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).containsExactly(unit(i));
            }
        }
    }

    @Test
    void noFailureEverCarriesTheKey() {
        List<Runnable> faults = List.of(
                () -> server.answer(429, errorBody("limit for key " + KEY.reveal()), "retry-after", "1"),
                () -> server.answer(500, errorBody("Bearer " + KEY.reveal() + " broke us")),
                () -> server.answer(400, errorBody("api_key=" + KEY.reveal())),
                () -> server.answer(200, "{\"oops\": \"" + KEY.reveal()),
                () -> server.answer(200, KEY.reveal()),
                server::closeMidAnswer);
        for (Runnable fault : faults) {
            fault.run();
            assertNoKeyIn(failure(() -> provider().embed(request("a"))));
        }
        assertThat(provider().toString()).doesNotContain(KEY.reveal());
    }

    protected static ProviderCallException failure(Supplier<?> call) {
        ProviderCallException failure = catchThrowableOfType(ProviderCallException.class, call::get);
        assertThat(failure).as("a ProviderCallException").isNotNull();
        return failure;
    }

    /** Neither the failure nor anything in its cause chain mentions the key. */
    protected static void assertNoKeyIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(KEY.reveal());
            assertThat(t.toString()).doesNotContain(KEY.reveal());
            for (Throwable suppressed : t.getSuppressed()) {
                assertNoKeyIn(suppressed);
            }
        }
    }
}
