package dev.embedgate.provider.http.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Answers read as they arrive ({@link BlockingHttpClient#open}), against servers that answer byte by byte. */
class AnswerStreamTest {

    private static final byte[] BODY = "{\"stream\":true}".getBytes(StandardCharsets.UTF_8);
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    private static final String CHUNKED_HEAD = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";

    private final BlockingHttpClient client = new BlockingHttpClient();

    @Test
    void eachChunkIsReadableBeforeTheServerSendsTheNext() throws Exception {
        var firstRead = new CountDownLatch(1);
        try (var server = RawHttpServer.start((socket, self) -> {
            self.readRequest(socket);
            RawHttpServer.write(socket, CHUNKED_HEAD + "6\r\nfirst\n\r\n");
            firstRead.await(5, TimeUnit.SECONDS);
            RawHttpServer.write(socket, "7;ext=1\r\nsecond\n\r\n0\r\nX-Trailer: t\r\n\r\n");
            self.readRequest(socket);
            RawHttpServer.write(socket, OK);
        }); client) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/v1/chat/completions");
            byte[] buffer = new byte[64];

            try (AnswerStream answer = client.open(uri, Map.of("Accept", "text/event-stream"), BODY, deadline(5_000))) {
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.headers().firstValue("content-type")).hasValue("text/event-stream");
                int n = answer.read(buffer, deadline(5_000));
                assertThat(new String(buffer, 0, n, StandardCharsets.UTF_8)).isEqualTo("first\n");
                firstRead.countDown();
                assertThat(readToEnd(answer)).isEqualTo("second\n");
            }
            HttpAnswer next = client.post(uri, Map.of(), BODY, Duration.ofSeconds(5));

            assertThat(next.status()).isEqualTo(200);
            assertThat(server.connections()).as("a stream read to its end leaves its connection").isEqualTo(1);
        }
    }

    @Test
    void aStreamClosedBeforeItsEndLosesItsConnection() throws Exception {
        try (var server = RawHttpServer.start((socket, self) -> {
            while (self.readRequest(socket) != null) {
                RawHttpServer.write(socket, CHUNKED_HEAD + "4\r\nmore\r\n");
            }
        }); client) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/stream");
            byte[] buffer = new byte[64];
            try (AnswerStream answer = client.open(uri, Map.of(), BODY, deadline(5_000))) {
                answer.read(buffer, deadline(5_000));
            }
            try (AnswerStream answer = client.open(uri, Map.of(), BODY, deadline(5_000))) {
                answer.read(buffer, deadline(5_000));
            }

            assertThat(server.connections()).isEqualTo(2);
        }
    }

    @Test
    void closingAfterDrainingKeepsTheConnectionWhenTheBodyEndsSoonAfter() throws Exception {
        try (var server = RawHttpServer.start((socket, self) -> {
            self.readRequest(socket);
            RawHttpServer.write(socket, CHUNKED_HEAD + "5\r\nlast\n\r\n");
            TimeUnit.MILLISECONDS.sleep(100);
            RawHttpServer.write(socket, "0\r\n\r\n");
            self.readRequest(socket);
            RawHttpServer.write(socket, OK);
        }); client) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/stream");
            AnswerStream answer = client.open(uri, Map.of(), BODY, deadline(5_000));
            answer.read(new byte[64], deadline(5_000));

            answer.closeAfterDraining(16 * 1024, TimeUnit.MILLISECONDS.toNanos(5), deadline(2_000));
            TimeUnit.MILLISECONDS.sleep(300);
            client.post(uri, Map.of(), BODY, Duration.ofSeconds(5));

            assertThat(server.connections()).isEqualTo(1);
        }
    }

    /** A deadline over a second away is kept by {@link FarDeadlines}, a nearer one by the socket's timeout. */
    @ParameterizedTest
    @ValueSource(ints = {200, 1_300})
    void eachReadWaitsOnlyUntilItsOwnDeadline(int deadlineMillis) throws Exception {
        try (var server = RawHttpServer.start((socket, self) -> {
            self.readRequest(socket);
            RawHttpServer.write(socket, CHUNKED_HEAD + "1\r\na\r\n");
            TimeUnit.SECONDS.sleep(10);
        }); client) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/stream");
            try (AnswerStream answer = client.open(uri, Map.of(), BODY, deadline(5_000))) {
                assertThat(answer.read(new byte[8], deadline(5_000))).isEqualTo(1);
                long start = System.nanoTime();

                assertThatThrownBy(() -> answer.read(new byte[8], deadline(deadlineMillis)))
                        .isInstanceOf(HttpTimeoutException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - start))
                        .isBetween(Duration.ofMillis(deadlineMillis - 50), Duration.ofMillis(deadlineMillis + 1_500));
            }
        }
    }

    @Test
    void aFarDeadlineIsKeptOnAConnectionTakenAgainFromThePool() throws Exception {
        // A pooled connection is not watched for far deadlines while it waits; its next far read must watch it again.
        try (var server = RawHttpServer.start((socket, self) -> {
            self.readRequest(socket);
            RawHttpServer.write(socket, CHUNKED_HEAD + "1\r\na\r\n0\r\n\r\n");
            self.readRequest(socket);
            RawHttpServer.write(socket, CHUNKED_HEAD + "1\r\nb\r\n");
            TimeUnit.SECONDS.sleep(10);
        }); client) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/stream");
            try (AnswerStream answer = client.open(uri, Map.of(), BODY, deadline(5_000))) {
                assertThat(readToEnd(answer)).isEqualTo("a");
            }
            try (AnswerStream answer = client.open(uri, Map.of(), BODY, deadline(5_000))) {
                assertThat(answer.read(new byte[8], deadline(5_000))).isEqualTo(1);
                long start = System.nanoTime();

                assertThatThrownBy(() -> answer.read(new byte[8], deadline(1_300)))
                        .isInstanceOf(HttpTimeoutException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_800));
            }
            assertThat(server.connections()).as("the second answer came on the pooled connection").isEqualTo(1);
        }
    }

    @Test
    void aReadWithAFarDeadlineAnsweredInTimeLeavesItsConnectionOpenPastThatDeadline() throws Exception {
        try (var server = RawHttpServer.start((socket, self) -> {
            self.readRequest(socket);
            RawHttpServer.write(socket, CHUNKED_HEAD + "1\r\na\r\n");
            TimeUnit.MILLISECONDS.sleep(200);
            RawHttpServer.write(socket, "1\r\nb\r\n0\r\n\r\n");
            self.readRequest(socket);
            RawHttpServer.write(socket, OK);
        }); client) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/stream");
            try (AnswerStream answer = client.open(uri, Map.of(), BODY, deadline(5_000))) {
                assertThat(answer.read(new byte[8], deadline(5_000))).isEqualTo(1);
                assertThat(answer.read(new byte[8], deadline(1_200))).isEqualTo(1);
                assertThat(answer.read(new byte[8], deadline(5_000))).isEqualTo(-1);
            }
            TimeUnit.MILLISECONDS.sleep(1_500);

            assertThat(client.post(uri, Map.of(), BODY, Duration.ofSeconds(5)).status()).isEqualTo(200);
            assertThat(server.connections()).as("the connection outlived the deadline of a read that ended in time")
                    .isEqualTo(1);
        }
    }

    @Test
    void readsBodiesFramedByLengthAndByTheConnectionsEnd() throws Exception {
        try (var server = RawHttpServer.start((socket, self) -> {
            self.readRequest(socket);
            RawHttpServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nhello");
            TimeUnit.MILLISECONDS.sleep(50);
            RawHttpServer.write(socket, " world");
            self.readRequest(socket);
            RawHttpServer.write(socket, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil close");
        }); client) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/stream");
            try (AnswerStream answer = client.open(uri, Map.of(), BODY, deadline(5_000))) {
                assertThat(readToEnd(answer)).isEqualTo("hello world");
            }
            try (AnswerStream answer = client.open(uri, Map.of(), BODY, deadline(5_000))) {
                assertThat(readToEnd(answer)).isEqualTo("until close");
            }
        }
    }

    @Test
    void aBodyThatBreaksItsFramingFails() throws Exception {
        try (var server = RawHttpServer.start((socket, self) -> {
            self.readRequest(socket);
            RawHttpServer.write(socket, CHUNKED_HEAD + "zz\r\noops\r\n");
        }); client) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/stream");
            try (AnswerStream answer = client.open(uri, Map.of(), BODY, deadline(5_000))) {
                assertThatThrownBy(() -> answer.read(new byte[8], deadline(5_000)))
                        .isInstanceOf(ProtocolException.class).hasMessageContaining("invalid chunk size");
            }
        }
    }

    @Test
    void anErrorAnswerIsReadWhole() throws Exception {
        try (var server = RawHttpServer.answering("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 3\r\nContent-Length: 17\r\n\r\n"
                + "{\"error\":\"slow\"}\n"); client) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/stream");
            try (AnswerStream answer = client.open(uri, Map.of(), BODY, deadline(5_000))) {
                assertThat(answer.status()).isEqualTo(429);
                assertThat(answer.headers().firstValue("retry-after")).hasValue("3");
                assertThat(new String(answer.readRest(1024, deadline(5_000)), StandardCharsets.UTF_8))
                        .isEqualTo("{\"error\":\"slow\"}\n");
            }
        }
    }

    @Test
    void aStreamOpenedOnAPooledConnectionTheServerHadClosedIsSentAgainOnANewOne() throws Exception {
        try (var server = RawHttpServer.start((socket, self) -> {
            self.readRequest(socket);
            // Keep-alive by default, yet the server closes once the answer is out.
            RawHttpServer.write(socket, CHUNKED_HEAD + "3\r\nabc\r\n0\r\n\r\n");
        }); client) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/stream");
            try (AnswerStream first = client.open(uri, Map.of(), BODY, deadline(5_000))) {
                assertThat(readToEnd(first)).isEqualTo("abc");
            }

            try (AnswerStream second = client.open(uri, Map.of(), BODY, deadline(5_000))) {
                assertThat(readToEnd(second)).isEqualTo("abc");
            }
            assertThat(server.connections()).isEqualTo(2);
            assertThat(server.requests()).as("the second request reached the server once").hasSize(2);
        }
    }

    private static long deadline(long millis) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    private static String readToEnd(AnswerStream answer) throws IOException {
        var body = new ByteArrayOutputStream();
        byte[] buffer = new byte[64];
        for (int n; (n = answer.read(buffer, deadline(5_000))) >= 0; ) {
            body.write(buffer, 0, n);
        }
        return body.toString(StandardCharsets.UTF_8);
    }
}
