package dev.embedgate.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import dev.embedgate.provider.http.StreamSummary.Ending;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Streamed answers over real HTTP on loopback: events reach the listener as they arrive, and the call ends as it should. */
class StreamingHttpTest {

    private static final StreamSettings SETTINGS = StreamSettings.of(Duration.ofSeconds(5), Duration.ofSeconds(5),
            Duration.ofSeconds(20));

    private final LoopbackServer server = LoopbackServer.start();
    private final RemoteEndpoint endpoint = new RemoteEndpoint(server.baseUrl(), null, Duration.ofSeconds(5));
    private final ProviderHttpClient http = new ProviderHttpClient("test/stream", endpoint);
    private final URI uri = endpoint.resolve("/v1/chat/completions", null);

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    @Test
    void theListenerSeesTheFirstEventBeforeTheServerSendsTheSecond() {
        var firstSeen = new CountDownLatch(1);
        var seenBeforeSecondWasSent = new AtomicBoolean();
        server.answer((exchange, request) -> {
            startEventStream(exchange);
            write(exchange, "data: {\"n\":1}\n\n");
            seenBeforeSecondWasSent.set(firstSeen.await(5, TimeUnit.SECONDS));
            write(exchange, "data: {\"n\":2}\n\ndata: [DONE]\n\n");
        });
        var events = new CopyOnWriteArrayList<String>();

        StreamSummary summary = http.streamEvents(uri, Map.of("X-Test", "yes"), "{\"stream\":true}".getBytes(StandardCharsets.UTF_8),
                SETTINGS, event -> {
                    events.add(event.data());
                    firstSeen.countDown();
                });

        assertThat(seenBeforeSecondWasSent).as("the listener had the first event before the server sent the second").isTrue();
        assertThat(events).containsExactly("{\"n\":1}", "{\"n\":2}");
        assertThat(summary).isEqualTo(new StreamSummary(2, Ending.DONE_MARKER));
        var request = server.lastRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("Accept")).isEqualTo("text/event-stream");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("X-Test")).isEqualTo("yes");
        assertThat(request.bodyText()).isEqualTo("{\"stream\":true}");
    }

    @Test
    void theDoneMarkerEndsTheCallWithoutWaitingForTheBodyToEnd() {
        server.answer((exchange, request) -> {
            startEventStream(exchange);
            write(exchange, "data: a\n\ndata: [DONE]\n\n");
            Thread.sleep(10_000);
        });
        var events = new CopyOnWriteArrayList<String>();
        long start = System.nanoTime();

        StreamSummary summary = http.streamEvents(uri, Map.of(), new byte[0], SETTINGS, event -> events.add(event.data()));

        assertThat(summary).isEqualTo(new StreamSummary(1, Ending.DONE_MARKER));
        assertThat(events).containsExactly("a");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aStreamEndedWithDoneLeavesItsConnectionForTheNextStream() throws InterruptedException {
        var clientPorts = new CopyOnWriteArrayList<Integer>();
        LoopbackServer.Handler stream = (exchange, request) -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            startEventStream(exchange);
            write(exchange, "data: a\n\ndata: [DONE]\n\n");
            exchange.close();
        };
        server.answer(stream);
        http.streamEvents(uri, Map.of(), new byte[0], SETTINGS, event -> { });
        server.answer(stream);
        Thread.sleep(200);

        StreamSummary second = http.streamEvents(uri, Map.of(), new byte[0], SETTINGS, event -> { });

        assertThat(second.ending()).isEqualTo(Ending.DONE_MARKER);
        assertThat(clientPorts).hasSize(2);
        assertThat(clientPorts.get(1)).as("the same connection, kept alive").isEqualTo(clientPorts.get(0));
    }

    @Test
    void eventsCutAcrossChunksWithCrLfAndSplitCharactersArriveWhole() {
        byte[] stream = ("event: delta\r\ndata: {\"content\":\"caf\u00e9\"}\r\n\r\n: ping\r\n\r\n"
                + "data: line one\r\ndata: line two\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        server.answer((exchange, request) -> {
            startEventStream(exchange);
            int[] cuts = {3, 14, 34, 35, 36, 37, 50, 51, stream.length};
            int from = 0;
            for (int cut : cuts) {
                exchange.getResponseBody().write(stream, from, cut - from);
                exchange.getResponseBody().flush();
                from = cut;
                Thread.sleep(15);
            }
        });
        var events = new CopyOnWriteArrayList<ServerSentEvent>();

        StreamSummary summary = http.streamEvents(uri, Map.of(), new byte[0], SETTINGS,
                event -> events.add(event.copy()));

        assertThat(events).containsExactly(new ServerSentEvent("delta", "{\"content\":\"caf\u00e9\"}", ""),
                ServerSentEvent.message("line one\nline two"));
        assertThat(summary).isEqualTo(new StreamSummary(2, Ending.END_OF_BODY));
    }

    @Test
    void ndjsonLinesArriveOneByOneUntilTheBodyEnds() {
        var firstSeen = new CountDownLatch(1);
        var seenBeforeSecondWasSent = new AtomicBoolean();
        server.answer((exchange, request) -> {
            exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
            exchange.sendResponseHeaders(200, 0);
            write(exchange, "{\"message\":{\"content\":\"Hel\"},\"done\":false}\n");
            seenBeforeSecondWasSent.set(firstSeen.await(5, TimeUnit.SECONDS));
            write(exchange, "{\"message\":{\"content\":\"lo\"},\"done\":false}\r\n{\"message\":{\"content\":\"\"},");
            write(exchange, "\"done\":true}\n");
        });
        var lines = new CopyOnWriteArrayList<String>();

        StreamSummary summary = http.streamLines(endpoint.resolve("/api/chat", null), Map.of(), new byte[0], SETTINGS,
                line -> {
                    lines.add(line);
                    firstSeen.countDown();
                });

        assertThat(seenBeforeSecondWasSent).isTrue();
        assertThat(lines).containsExactly("{\"message\":{\"content\":\"Hel\"},\"done\":false}",
                "{\"message\":{\"content\":\"lo\"},\"done\":false}", "{\"message\":{\"content\":\"\"},\"done\":true}");
        assertThat(summary).isEqualTo(new StreamSummary(3, Ending.END_OF_BODY));
        assertThat(server.lastRequest().header("Accept")).isEqualTo("application/x-ndjson");
    }

    @Test
    void anInterruptClosesTheConnectionAndTheServerSeesTheDisconnect() throws Exception {
        var firstSeen = new CountDownLatch(1);
        var disconnected = new CountDownLatch(1);
        server.answer((exchange, request) -> {
            startEventStream(exchange);
            write(exchange, "data: first\n\n");
            try {
                for (int i = 0; i < 500; i++) {
                    Thread.sleep(20);
                    write(exchange, "data: more\n\n");
                }
            } catch (IOException e) {
                disconnected.countDown();
            }
        });
        var events = new CopyOnWriteArrayList<String>();
        var outcome = new CompletableFuture<Throwable>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                http.streamEvents(uri, Map.of(), new byte[0], SETTINGS, event -> {
                    events.add(event.data());
                    firstSeen.countDown();
                });
                outcome.complete(null);
            } catch (RuntimeException e) {
                outcome.complete(e);
            }
        });
        assertThat(firstSeen.await(5, TimeUnit.SECONDS)).isTrue();

        caller.interrupt();

        assertThat(disconnected.await(5, TimeUnit.SECONDS)).as("the server saw the connection close").isTrue();
        Throwable failure = outcome.get(5, TimeUnit.SECONDS);
        assertThat(failure).isInstanceOf(StreamFailedException.class).hasMessageContaining("interrupted");
        assertThat(((StreamFailedException) failure).eventsDelivered()).isEqualTo(events.size());
    }

    @Test
    void anInterruptBeforeTheAnswerEndsTheCallAtOnce() throws Exception {
        var received = new CountDownLatch(1);
        server.answer((exchange, request) -> {
            received.countDown();
            Thread.sleep(10_000);
        });
        var outcome = new CompletableFuture<Throwable>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                http.streamEvents(uri, Map.of(), new byte[0], SETTINGS, event -> { });
                outcome.complete(null);
            } catch (RuntimeException e) {
                outcome.complete(e);
            }
        });
        assertThat(received.await(5, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();

        caller.interrupt();

        assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(StreamFailedException.class)
                .satisfies(failure -> assertThat(((StreamFailedException) failure).afterFirstEvent()).isFalse());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aListenerStopsTheStreamByThrowingAndTheConnectionIsNotReused() {
        var clientPorts = new CopyOnWriteArrayList<Integer>();
        server.answer((exchange, request) -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            startEventStream(exchange);
            for (int i = 0; i < 50; i++) {
                write(exchange, "data: " + i + "\n\n");
                Thread.sleep(10);
            }
        });
        var events = new CopyOnWriteArrayList<String>();

        var thrown = catchThrowableOfType(IllegalStateException.class, () -> http.streamEvents(uri, Map.of(), new byte[0],
                SETTINGS, event -> {
                    if (events.size() == 2) {
                        throw new IllegalStateException("enough");
                    }
                    events.add(event.data());
                }));
        server.answer((exchange, request) -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            startEventStream(exchange);
            write(exchange, "data: [DONE]\n\n");
        });
        http.streamEvents(uri, Map.of(), new byte[0], SETTINGS, event -> { });

        assertThat(thrown).hasMessage("enough");
        assertThat(events).containsExactly("0", "1");
        assertThat(clientPorts).hasSize(2).doesNotHaveDuplicates();
    }

    static void startEventStream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
    }

    static void write(HttpExchange exchange, String text) throws IOException {
        exchange.getResponseBody().write(text.getBytes(StandardCharsets.UTF_8));
        exchange.getResponseBody().flush();
    }
}
