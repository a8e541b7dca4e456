package dev.embedgate.provider.http;

import static dev.embedgate.provider.http.StreamingHttpTest.startEventStream;
import static dev.embedgate.provider.http.StreamingHttpTest.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.ProviderCallException.Kind;
import dev.embedgate.provider.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every way a streamed call fails, over real HTTP on loopback: the same failure kinds as whole-answer calls, whether
 * the failure came before or after the first event, and never a credential in a message.
 */
class StreamingFailuresTest {

    private static final Secret KEY = Secret.of("sk-test-STREAMKEYdonotleak0123456789");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Generous limits, for tests about anything but a deadline (a cold JVM's first call is slow). */
    private static final StreamSettings SETTINGS = StreamSettings.of(Duration.ofSeconds(5), Duration.ofSeconds(5),
            Duration.ofSeconds(20));
    private static final StreamSettings SHORT_FIRST_EVENT = StreamSettings.of(Duration.ofMillis(400), Duration.ofSeconds(5),
            Duration.ofSeconds(20));
    private static final StreamSettings SHORT_IDLE = StreamSettings.of(Duration.ofSeconds(5), Duration.ofMillis(400),
            Duration.ofSeconds(20));

    private final LoopbackServer server = LoopbackServer.start();
    private final RemoteEndpoint endpoint = new RemoteEndpoint(server.baseUrl(), KEY, Duration.ofSeconds(5));
    private final ProviderHttpClient http = new ProviderHttpClient("test/stream", endpoint);
    private final URI uri = endpoint.resolve("/v1/chat/completions", null);
    private final Map<String, String> auth = Map.of("Authorization", "Bearer " + KEY.reveal());

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    @Test
    void aRateLimitWithRetryAfterFailsAsRateLimitedWithTheWaitBeforeTheFirstEvent() {
        server.answer(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}", "Retry-After", "7");

        StreamFailedException failure = failureOf(() -> http.streamEvents(uri, auth, new byte[0], SETTINGS, event -> { }));

        assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(failure.failure().retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(failure.failure().httpStatus()).isEqualTo(429);
        assertThat(failure.afterFirstEvent()).isFalse();
        assertThat(failure).hasMessageContaining("Rate limit reached").hasMessageContaining("before the first event");
    }

    @Test
    void errorStatusesFailWithTheKindsWholeAnswersGet() {
        assertThat(kindForStatus(401)).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(kindForStatus(403)).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(kindForStatus(400)).isEqualTo(Kind.REJECTED);
        assertThat(kindForStatus(404)).isEqualTo(Kind.REJECTED);
        assertThat(kindForStatus(500)).isEqualTo(Kind.SERVER_ERROR);
        assertThat(kindForStatus(503)).isEqualTo(Kind.SERVER_ERROR);
    }

    @Test
    void aStallAfterTheFirstEventHitsTheIdleDeadlineAfterTheFirstEvent() {
        server.answer((exchange, request) -> {
            startEventStream(exchange);
            write(exchange, "data: {\"n\":1}\n\n");
            Thread.sleep(10_000);
        });
        long start = System.nanoTime();

        StreamFailedException failure = failureOf(() -> http.streamEvents(uri, auth, new byte[0], SHORT_IDLE, event -> { }));

        assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(failure.afterFirstEvent()).isTrue();
        assertThat(failure.eventsDelivered()).isEqualTo(1);
        assertThat(failure).hasMessageContaining("for 400 ms after event 1").hasMessageContaining("(after 1 event)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aStallBeforeAnyEventHitsTheFirstEventDeadlineEvenWithKeepAliveComments() {
        server.answer((exchange, request) -> {
            startEventStream(exchange);
            for (int i = 0; i < 100; i++) {
                write(exchange, ": keep-alive\n\n");
                Thread.sleep(50);
            }
        });
        long start = System.nanoTime();

        StreamFailedException failure = failureOf(() -> http.streamEvents(uri, auth, new byte[0], SHORT_FIRST_EVENT, event -> { }));

        assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(failure.afterFirstEvent()).isFalse();
        assertThat(failure).hasMessageContaining("no event from").hasMessageContaining("within 400 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aServerThatNeverAnswersHitsTheFirstEventDeadline() {
        server.hang();

        StreamFailedException failure = failureOf(() -> http.streamLines(uri, auth, new byte[0], SHORT_FIRST_EVENT, line -> { }));

        assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(failure.afterFirstEvent()).isFalse();
    }

    @Test
    void aLivelyStreamStillEndsAtItsTotalDeadline() {
        server.answer((exchange, request) -> {
            startEventStream(exchange);
            for (int i = 0; i < 1_000; i++) {
                write(exchange, "data: " + i + "\n\n");
                Thread.sleep(20);
            }
        });
        var settings = StreamSettings.of(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(500));
        long start = System.nanoTime();

        StreamFailedException failure = failureOf(() -> http.streamEvents(uri, auth, new byte[0], settings, event -> { }));

        assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(failure.afterFirstEvent()).isTrue();
        assertThat(failure).hasMessageContaining("total deadline of 500 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));
    }

    @Test
    void anEventLargerThanTheBoundFailsAsInvalidResponse() {
        server.answer((exchange, request) -> {
            startEventStream(exchange);
            write(exchange, "data: small\n\n");
            String chunk = "x".repeat(64 * 1024);
            write(exchange, "data: ");
            for (int i = 0; i < 40; i++) {
                write(exchange, chunk);
            }
            write(exchange, "\n\n");
        });

        StreamFailedException failure = failureOf(() -> http.streamEvents(uri, auth, new byte[0], SETTINGS, event -> { }));

        assertThat(failure.kind()).isEqualTo(Kind.INVALID_RESPONSE);
        assertThat(failure.eventsDelivered()).isEqualTo(1);
        assertThat(failure).hasMessageContaining("larger than " + (1 << 20) + " bytes");
    }

    @Test
    void anEventTheListenerCannotReadFailsAsInvalidResponseBeforeTheFirstEvent() {
        server.answer((exchange, request) -> {
            startEventStream(exchange);
            write(exchange, "data: {\"choices\": [\n\n");
        });

        StreamFailedException failure = failureOf(() -> http.streamEvents(uri, auth, new byte[0], SETTINGS,
                event -> JSON.readTree(event.data())));

        assertThat(failure.kind()).isEqualTo(Kind.INVALID_RESPONSE);
        assertThat(failure.failure().httpStatus()).isEqualTo(200);
        assertThat(failure.afterFirstEvent()).as("the listener accepted nothing").isFalse();
    }

    @Test
    void anErrorTheListenerFindsInTheStreamFailsWithItsKindAfterTheFirstEvent() {
        server.answer((exchange, request) -> {
            startEventStream(exchange);
            write(exchange, "data: {\"token\":\"a\"}\n\nevent: error\ndata: {\"error\":\"overloaded\"}\n\n");
        });

        StreamFailedException failure = failureOf(() -> http.streamEvents(uri, auth, new byte[0], SETTINGS, event -> {
            if (event.type().equals("error")) {
                throw new ProviderCallException("test/stream", Kind.SERVER_ERROR, 200, "overloaded mid-stream");
            }
        }));

        assertThat(failure.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(failure.eventsDelivered()).isEqualTo(1);
    }

    @Test
    void aListenerBugIsRethrownAsItIs() {
        server.answer((exchange, request) -> {
            startEventStream(exchange);
            write(exchange, "data: x\n\n");
            Thread.sleep(10_000);
        });
        var thrown = catchThrowableOfType(IllegalStateException.class, () -> http.streamEvents(uri, auth, new byte[0],
                SETTINGS, event -> {
                    throw new IllegalStateException("listener bug");
                }));

        assertThat(thrown).hasMessage("listener bug");
    }

    @Test
    void aConnectionResetAfterTheFirstEventFailsAsConnectionAfterTheFirstEvent() throws Exception {
        try (var resetting = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> answerOneEventThenReset(resetting));
            var resetEndpoint = new RemoteEndpoint(URI.create("http://127.0.0.1:" + resetting.getLocalPort()), KEY,
                    Duration.ofSeconds(5));
            try (var client = new ProviderHttpClient("test/reset", resetEndpoint)) {
                StreamFailedException failure = failureOf(() -> client.streamEvents(resetEndpoint.resolve("/v1/chat", null),
                        auth, new byte[0], SETTINGS, event -> { }));

                assertThat(failure.kind()).isEqualTo(Kind.CONNECTION);
                assertThat(failure.afterFirstEvent()).isTrue();
            }
        }
    }

    @Test
    void aRefusedConnectionFailsAsConnectionBeforeTheFirstEvent() throws Exception {
        int port;
        try (var closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        var refused = new RemoteEndpoint(URI.create("http://127.0.0.1:" + port), KEY, Duration.ofSeconds(5));
        try (var client = new ProviderHttpClient("test/refused", refused)) {
            StreamFailedException failure = failureOf(() -> client.streamLines(refused.resolve("/api/chat", null), auth,
                    new byte[0], SETTINGS, line -> { }));

            assertThat(failure.kind()).isEqualTo(Kind.CONNECTION);
            assertThat(failure.afterFirstEvent()).isFalse();
        }
    }

    @Test
    void timeTheListenerTakesIsNotCountedAsTheServersIdleness() {
        server.answer((exchange, request) -> {
            startEventStream(exchange);
            for (int i = 0; i < 3; i++) {
                write(exchange, "data: " + i + "\n\n");
            }
            write(exchange, "data: [DONE]\n\n");
        });
        var events = new ArrayList<String>();

        StreamSummary summary = http.streamEvents(uri, auth, new byte[0], SHORT_IDLE, event -> {
            try {
                Thread.sleep(600);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            events.add(event.data());
        });

        assertThat(summary).isEqualTo(new StreamSummary(3, StreamSummary.Ending.DONE_MARKER));
        assertThat(events).containsExactly("0", "1", "2");
    }

    @Test
    void theApiKeyNeverAppearsInAnyFailure() {
        var failures = new ArrayList<Throwable>();
        server.answer((exchange, request) -> LoopbackServer.send(exchange, 401,
                "{\"error\":{\"message\":\"Incorrect API key provided: " + request.header("Authorization") + "\"}}"));
        failures.add(failureOf(() -> http.streamEvents(uri, auth, new byte[0], SETTINGS, event -> { })));
        server.answer((exchange, request) -> {
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            LoopbackServer.send(exchange, 500, "upstream failed for key " + KEY.reveal());
        });
        failures.add(failureOf(() -> http.streamEvents(uri, auth, new byte[0], SETTINGS, event -> { })));
        server.answer((exchange, request) -> {
            startEventStream(exchange);
            write(exchange, "data: " + KEY.reveal() + " is not JSON\n\n");
        });
        failures.add(failureOf(() -> http.streamEvents(uri, auth, new byte[0], SETTINGS, event -> JSON.readTree(event.data()))));
        failures.add(failureOf(() -> http.streamEvents(uri, auth, new byte[0], SETTINGS, event -> {
            throw new IOException("could not read " + event.data());
        })));
        server.answer((exchange, request) -> {
            exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
            exchange.sendResponseHeaders(200, 0);
            write(exchange, "{\"error\":\"bad key " + KEY.reveal() + "\"}\n");
        });
        failures.add(failureOf(() -> http.streamLines(uri, auth, new byte[0], SETTINGS, line -> {
            throw new IOException(JSON.readTree(line).path("error").asText());
        })));

        assertThat(failures).hasSize(5).allSatisfy(failure -> {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                assertThat(t.toString()).doesNotContain(KEY.reveal());
            }
        });
        assertThat(failures.getFirst()).hasMessageContaining("[redacted]");
    }

    private Kind kindForStatus(int status) {
        server.answer(status, "{\"error\":\"status " + status + "\"}");
        StreamFailedException failure = failureOf(() -> http.streamEvents(uri, auth, new byte[0], SETTINGS, event -> { }));
        assertThat(failure.afterFirstEvent()).isFalse();
        assertThat(failure.failure().httpStatus()).isEqualTo(status);
        return failure.kind();
    }

    private static StreamFailedException failureOf(ThrowingCallable call) {
        StreamFailedException failure = catchThrowableOfType(StreamFailedException.class, call);
        assertThat(failure).as("the call failed").isNotNull();
        return failure;
    }

    /** Answers the first request with response headers and one event, then resets the connection (TCP RST). */
    private static void answerOneEventThenReset(ServerSocket socket) {
        try (Socket connection = socket.accept()) {
            readRequestHead(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            String event = "data: first\n\n";
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(event.length()) + "\r\n" + event + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(200);
            connection.setSoLinger(true, 0);
        } catch (IOException | InterruptedException e) {
            // the test is over
        }
    }

    private static void readRequestHead(InputStream in) throws IOException {
        var head = new ArrayList<Byte>();
        int b;
        while ((b = in.read()) != -1) {
            head.add((byte) b);
            int n = head.size();
            if (n >= 4 && head.get(n - 4) == '\r' && head.get(n - 3) == '\n' && head.get(n - 2) == '\r' && head.get(n - 1) == '\n') {
                return;
            }
        }
    }
}
