package dev.embedgate.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.embedgate.provider.ProviderCallException.Kind;
import dev.embedgate.provider.http.StreamSummary.Ending;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Streams from a plain-HTTP server whose chunks the test writes byte for byte: after the first event, a listener that
 * accepts relayed delivery gets the rest from the relay's thread, and whatever the relay does not handle (a write left
 * pending, a near deadline, an interrupt, a dropped connection, a chunk extension) ends as it would without it.
 */
class StreamRelayTest {

    private static final StreamSettings SETTINGS = StreamSettings.of(Duration.ofSeconds(5), Duration.ofSeconds(5),
            Duration.ofSeconds(20));
    private static final String RELAY_THREAD = "embedgate-stream-relay-";

    private final ChunkServer server = new ChunkServer();
    private final RemoteEndpoint endpoint = new RemoteEndpoint(server.baseUrl(), null, Duration.ofSeconds(5));
    private final ProviderHttpClient http = new ProviderHttpClient("test/relay", endpoint);
    private final URI uri = endpoint.resolve("/v1/chat/completions", null);

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    @ParameterizedTest(name = "ended by [DONE]: {0}")
    @ValueSource(booleans = {true, false})
    void eventsAfterTheFirstComeFromTheRelayAndTheStreamLeavesItsConnectionForTheNext(boolean done) {
        server.script(out -> {
            pacedEvents(out, 3);
            if (done) {
                chunk(out, "data: [DONE]\n\n");
            }
            end(out);
        });
        var delivered = new Deliveries();

        StreamSummary first = http.streamEvents(uri, Map.of(), new byte[0], SETTINGS, delivered.relayable());
        StreamSummary second = http.streamEvents(uri, Map.of(), new byte[0], SETTINGS, delivered.relayable());

        assertThat(first).isEqualTo(new StreamSummary(3, done ? Ending.DONE_MARKER : Ending.END_OF_BODY));
        assertThat(second).isEqualTo(first);
        assertThat(delivered.data).containsExactly("1", "2", "3", "1", "2", "3");
        assertThat(delivered.threads.get(0)).isEqualTo(Thread.currentThread().getName());
        assertThat(delivered.threads.subList(1, 3)).allSatisfy(thread -> assertThat(thread).startsWith(RELAY_THREAD));
        assertThat(server.clientPorts).hasSize(2);
        assertThat(server.clientPorts.get(1)).as("the relayed stream left its connection reusable")
                .isEqualTo(server.clientPorts.get(0));
    }

    @Test
    void aListenerThatDoesNotAcceptRelayedDeliveryGetsEveryEventOnItsOwnThread() {
        server.script(out -> {
            pacedEvents(out, 3);
            end(out);
        });
        var threads = new CopyOnWriteArrayList<String>();

        http.streamEvents(uri, Map.of(), new byte[0], SETTINGS, event -> threads.add(Thread.currentThread().getName()));

        assertThat(threads).hasSize(3).containsOnly(Thread.currentThread().getName());
    }

    @Test
    void aWriteLeftPendingSendsTheStreamBackToItsThreadWhichWaitsForItBeforeTheNextEvent() {
        server.script(out -> {
            for (int n = 1; n <= 4; n++) {
                chunk(out, "data: " + n + "\n\n");
                // The third event comes after the pending write is done (300 ms), the fourth once it was taken.
                Thread.sleep(n == 2 ? 500 : 30);
            }
            end(out);
        });
        var write = new CompletableFuture<Void>();
        var writeDoneNanos = new AtomicLong();
        var thirdNanos = new AtomicLong();
        var delivered = new Deliveries() {
            @Override
            void onEvent(ServerSentEvent event) {
                super.onEvent(event);
                if (event.data().equals("2")) {
                    RelayedDelivery.pending(write);
                    Thread.ofVirtual().start(() -> {
                        sleep(300);
                        writeDoneNanos.set(System.nanoTime());
                        write.complete(null);
                    });
                } else if (event.data().equals("3")) {
                    thirdNanos.set(System.nanoTime());
                }
            }
        };

        StreamSummary summary = http.streamEvents(uri, Map.of(), new byte[0], SETTINGS, delivered.relayable());

        assertThat(summary).isEqualTo(new StreamSummary(4, Ending.END_OF_BODY));
        assertThat(delivered.data).containsExactly("1", "2", "3", "4");
        assertThat(delivered.threads.get(1)).startsWith(RELAY_THREAD);
        assertThat(delivered.threads.get(2)).as("after the hand-back").isEqualTo(Thread.currentThread().getName());
        assertThat(delivered.threads.get(3)).as("relayed again").startsWith(RELAY_THREAD);
        assertThat(thirdNanos.get() - writeDoneNanos.get()).as("the third event waited for the pending write")
                .isPositive();
    }

    @Test
    void aStallDuringTheRelayTimesOutOnTheIdleDeadlineAsWithoutIt() {
        var settings = StreamSettings.of(Duration.ofSeconds(5), Duration.ofMillis(2_500), Duration.ofSeconds(20));
        server.script(out -> {
            pacedEvents(out, 2);
            Thread.sleep(10_000);
        });
        var delivered = new Deliveries();
        var lastEventNanos = new AtomicLong();

        StreamFailedException failure = catchThrowableOfType(StreamFailedException.class, () -> http.streamEvents(uri,
                Map.of(), new byte[0], settings, delivered.relayable(event -> lastEventNanos.set(System.nanoTime()))));

        Duration idle = Duration.ofNanos(System.nanoTime() - lastEventNanos.get());
        assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(failure.eventsDelivered()).isEqualTo(2);
        assertThat(delivered.threads.get(1)).startsWith(RELAY_THREAD);
        assertThat(idle).isBetween(Duration.ofMillis(2_450), Duration.ofMillis(3_500));
    }

    @Test
    void interruptingTheStreamsThreadDuringTheRelayEndsTheCallAndItsConnection() throws Exception {
        server.script(out -> {
            pacedEvents(out, 2);
            Thread.sleep(10_000);
        });
        var delivered = new Deliveries();
        var secondDelivered = new CompletableFuture<Void>();
        var outcome = new CompletableFuture<Throwable>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                http.streamEvents(uri, Map.of(), new byte[0], SETTINGS, delivered.relayable(event -> {
                    if (event.data().equals("2")) {
                        secondDelivered.complete(null);
                    }
                }));
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        secondDelivered.get();
        long interruptedAt = System.nanoTime();

        caller.interrupt();

        Throwable thrown = outcome.get();
        assertThat(Duration.ofNanos(System.nanoTime() - interruptedAt)).isLessThan(Duration.ofSeconds(1));
        assertThat(thrown).isInstanceOf(StreamFailedException.class);
        assertThat(((StreamFailedException) thrown).failure()).hasMessageContaining("interrupted");
        assertThat(((StreamFailedException) thrown).eventsDelivered()).isEqualTo(2);
    }

    @Test
    void aConnectionResetDuringTheRelayFailsTheCallAfterItsEvents() {
        server.script(out -> {
            pacedEvents(out, 2);
            Thread.sleep(70);
            throw new Reset();
        });
        var delivered = new Deliveries();

        StreamFailedException failure = catchThrowableOfType(StreamFailedException.class,
                () -> http.streamEvents(uri, Map.of(), new byte[0], SETTINGS, delivered.relayable()));

        assertThat(failure.kind()).isEqualTo(Kind.CONNECTION);
        assertThat(failure.eventsDelivered()).isEqualTo(2);
        assertThat(delivered.threads.get(1)).startsWith(RELAY_THREAD);
    }

    @Test
    void framingTheRelayDoesNotReadIsReadByTheStreamsOwnReader() {
        server.script(out -> {
            pacedEvents(out, 2);
            String third = "data: 3\n\n";
            out.write((Integer.toHexString(third.length()) + ";note=extension\r\n" + third + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(30);
            // A size line and its chunk split between two writes.
            out.write("9".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(30);
            out.write("\r\ndata: 4\n\n\r\n".getBytes(StandardCharsets.US_ASCII));
            chunk(out, "data: [DONE]\n\n");
            end(out);
        });
        var delivered = new Deliveries();

        StreamSummary summary = http.streamEvents(uri, Map.of(), new byte[0], SETTINGS, delivered.relayable());

        assertThat(summary).isEqualTo(new StreamSummary(4, Ending.DONE_MARKER));
        assertThat(delivered.data).containsExactly("1", "2", "3", "4");
        assertThat(delivered.threads.get(1)).startsWith(RELAY_THREAD);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Events "1" to "count", 30 ms apart. */
    private static void pacedEvents(OutputStream out, int count) throws IOException, InterruptedException {
        for (int n = 1; n <= count; n++) {
            chunk(out, "data: " + n + "\n\n");
            Thread.sleep(30);
        }
    }

    private static void chunk(OutputStream out, String data) throws IOException {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void end(OutputStream out) throws IOException {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** What a listener was handed, and on which thread. */
    private static class Deliveries {
        final List<String> data = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        void onEvent(ServerSentEvent event) {
            data.add(event.data());
            threads.add(Thread.currentThread().getName());
        }

        StreamListener<ServerSentEvent> relayable() {
            return relayable(event -> { });
        }

        StreamListener<ServerSentEvent> relayable(StreamListener<ServerSentEvent> then) {
            return StreamListener.relayable(event -> {
                onEvent(event);
                then.onEvent(event);
            });
        }
    }

    /** Thrown by a script to end its connection with a reset. */
    private static final class Reset extends RuntimeException {
    }

    @FunctionalInterface
    private interface Script {
        void answer(OutputStream out) throws Exception;
    }

    /** Answers every request on a keep-alive connection with a chunked event stream its script writes. */
    private static final class ChunkServer implements AutoCloseable {
        final List<Integer> clientPorts = new CopyOnWriteArrayList<>();
        private final ServerSocket socket;
        private volatile Script script;

        ChunkServer() {
            try {
                socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Thread.ofVirtual().start(this::accept);
        }

        URI baseUrl() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        void script(Script script) {
            this.script = script;
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    Thread.ofVirtual().start(() -> serve(connection));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket connection) {
            try (connection) {
                InputStream in = connection.getInputStream();
                while (readRequestHead(in)) {
                    clientPorts.add(connection.getPort());
                    OutputStream out = connection.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    try {
                        script.answer(out);
                    } catch (Reset reset) {
                        connection.setSoLinger(true, 0);
                        return;
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            } catch (Exception e) {
                // The client went away mid-answer: the connection is closed.
            }
        }

        /** Reads a request head (the client's requests have no body); false at the end of the connection. */
        private static boolean readRequestHead(InputStream in) throws IOException {
            int matched = 0;
            for (int b; (b = in.read()) != -1; ) {
                matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
                if (matched == 4) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // Closed either way.
            }
        }
    }
}
