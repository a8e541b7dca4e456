package dev.embedgate.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.embedgate.error.RequestCancelledException;
import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.ProviderCallException.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shared plumbing: the per-attempt timeout covers the whole answer, and interrupts end a call at once. */
class ProviderHttpClientTest {

    private final LoopbackServer server = LoopbackServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aBodyThatStallsAfterTheHeadersTimesOut() {
        server.answer((exchange, request) -> {
            exchange.sendResponseHeaders(200, 1000);
            exchange.getResponseBody().write("[[0.1,".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            TimeUnit.SECONDS.sleep(10);
        });
        var endpoint = new RemoteEndpoint(server.baseUrl(), null, Duration.ofMillis(300));
        try (var http = new ProviderHttpClient("test/stall", endpoint)) {
            long start = System.nanoTime();

            var failure = catchThrowableOfType(ProviderCallException.class,
                    () -> http.postJson(endpoint.resolve("/embed", null), Map.of(), new byte[0], (body, headers) -> body));

            assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void anInterruptedCallerStopsWaitingAndKeepsItsInterrupt() throws Exception {
        server.hang();
        var endpoint = new RemoteEndpoint(server.baseUrl(), null, Duration.ofSeconds(20));
        try (var http = new ProviderHttpClient("test/interrupt", endpoint)) {
            var outcome = new CompletableFuture<RuntimeException>();
            Thread caller = Thread.ofVirtual().start(() -> {
                try {
                    http.postJson(endpoint.resolve("/embed", null), Map.of(), new byte[0], (body, headers) -> body);
                    outcome.complete(null);
                } catch (RuntimeException e) {
                    outcome.complete(Thread.currentThread().isInterrupted() ? e : null);
                }
            });
            while (server.requests().isEmpty()) {
                Thread.sleep(5);
            }
            caller.interrupt();

            RuntimeException failure = outcome.get(5, TimeUnit.SECONDS);
            // The caller went away: not a provider fault, so neither retried, failed over nor held against it.
            assertThat(failure).as("a failure, with the interrupt flag kept").isInstanceOf(RequestCancelledException.class);
            assertThat(failure).hasMessageContaining("cancelled").hasMessageContaining("test/interrupt");
        }
    }

    @Test
    void anEmptySuccessBodyIsAnInvalidResponse() {
        server.answer(200, "");
        var endpoint = new RemoteEndpoint(server.baseUrl(), null, null);
        try (var http = new ProviderHttpClient("test/empty", endpoint)) {
            var failure = catchThrowableOfType(ProviderCallException.class, () -> http.postJson(
                    endpoint.resolve("/embed", null), Map.of(), new byte[0],
                    (body, headers) -> VectorListAnswer.vectors(body, 1, 4)));

            assertThat(failure.kind()).isEqualTo(Kind.INVALID_RESPONSE);
        }
    }
}
