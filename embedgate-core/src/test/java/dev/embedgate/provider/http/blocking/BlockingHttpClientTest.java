package dev.embedgate.provider.http.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ProtocolException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The blocking HTTP/1.1 client against servers that answer byte by byte as each test scripts. */
class BlockingHttpClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final byte[] BODY = "{\"input\":\"hi\"}".getBytes(StandardCharsets.UTF_8);
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\nok";

    private final BlockingHttpClient client = new BlockingHttpClient();

    @Test
    void sendsThePostAndReusesTheKeepAliveConnection() throws Exception {
        try (var server = RawHttpServer.answering(OK); client) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/v1/embeddings?x=1");

            HttpAnswer first = client.post(uri, Map.of("Authorization", "Bearer k"), BODY, TIMEOUT);
            HttpAnswer second = client.post(uri, Map.of(), BODY, TIMEOUT);

            assertThat(first.status()).isEqualTo(200);
            assertThat(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo("ok");
            assertThat(first.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(second.status()).isEqualTo(200);
            assertThat(server.connections()).as("one keep-alive connection").isEqualTo(1);
            RawHttpServer.Request request = server.requests().getFirst();
            assertThat(request.requestLine()).isEqualTo("POST /v1/embeddings?x=1 HTTP/1.1");
            assertThat(request.header("host")).isEqualTo("127.0.0.1:" + server.port());
            assertThat(request.header("authorization")).isEqualTo("Bearer k");
            assertThat(request.body()).isEqualTo(BODY);
        }
    }

    @Test
    void readsHeaderNamesInAnyCaseAndValuesWithoutTheirSurroundingWhiteSpace() throws Exception {
        try (var server = RawHttpServer.answering("HTTP/1.1 200 OK\r\nCONTENT-type:\t text/plain \r\n"
                + "X-Request-ID:abc\r\nX-Folded: one\r\n  two\r\nX-Empty:   \r\nX-Mixed-Case: kept As Sent\r\n"
                + "content-length: 2\r\n\r\nok"); client) {
            HttpAnswer answer = client.post(URI.create("http://127.0.0.1:" + server.port() + "/"), Map.of(), BODY,
                    TIMEOUT);

            assertThat(answer.headers().map()).containsOnlyKeys("content-type", "x-request-id", "x-folded", "x-empty",
                    "x-mixed-case", "content-length");
            assertThat(answer.headers().firstValue("content-type")).hasValue("text/plain");
            assertThat(answer.headers().firstValue("x-request-id")).hasValue("abc");
            assertThat(answer.headers().firstValue("x-folded")).hasValue("one two");
            assertThat(answer.headers().firstValue("x-empty")).hasValue("");
            assertThat(answer.headers().firstValue("x-mixed-case")).hasValue("kept As Sent");
            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("ok");
        }
    }

    @Test
    void readsAChunkedAnswerWithExtensionsAndTrailers() throws Exception {
        try (var server = RawHttpServer.answering("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: yes\r\n\r\n"); client) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/embed");

            HttpAnswer answer = client.post(uri, Map.of(), BODY, TIMEOUT);
            client.post(uri, Map.of(), BODY, TIMEOUT);

            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("hello, world");
            assertThat(server.connections()).as("the connection survives a chunked answer").isEqualTo(1);
        }
    }

    @Test
    void readsAnAnswerEndedByClosingTheConnectionAndOpensANewOneNextTime() throws Exception {
        try (var server = RawHttpServer.start((socket, self) -> {
            self.readRequest(socket);
            RawHttpServer.write(socket, "HTTP/1.0 200 OK\r\n\r\nuntil the end");
        }); client) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/embed");

            HttpAnswer answer = client.post(uri, Map.of(), BODY, TIMEOUT);
            client.post(uri, Map.of(), BODY, TIMEOUT);

            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("until the end");
            assertThat(server.connections()).isEqualTo(2);
            assertThat(client.idleConnections(uri)).isZero();
        }
    }

    @Test
    void sendsAgainOnANewConnectionWhenThePooledOneWasClosedWhileIdle() throws Exception {
        try (var server = RawHttpServer.start((socket, self) -> {
            self.readRequest(socket);
            RawHttpServer.write(socket, OK); // keep-alive by default, yet the server closes at once
        }); client) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/embed");
            client.post(uri, Map.of(), BODY, TIMEOUT);
            TimeUnit.MILLISECONDS.sleep(50);
            assertThat(client.idleConnections(uri)).as("pooled, and too recently used to be checked").isEqualTo(1);

            HttpAnswer answer = client.post(uri, Map.of(), BODY, TIMEOUT);

            assertThat(answer.status()).isEqualTo(200);
            assertThat(server.connections()).isEqualTo(2);
            assertThat(server.requests()).as("the second request reached the server once").hasSize(2);
        }
    }

    @Test
    void checksAConnectionIdleForOverASecondAndNeverReadsAStaleAnswerFromIt() throws Exception {
        try (var server = RawHttpServer.start((socket, self) -> {
            self.readRequest(socket);
            RawHttpServer.write(socket, OK);
            TimeUnit.MILLISECONDS.sleep(200);
            RawHttpServer.write(socket, "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
        }); client) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/embed");
            client.post(uri, Map.of(), BODY, TIMEOUT);
            TimeUnit.MILLISECONDS.sleep(1200);

            HttpAnswer answer = client.post(uri, Map.of(), BODY, TIMEOUT);

            assertThat(answer.status()).as("the server's late 408 belongs to no request").isEqualTo(200);
            assertThat(server.connections()).isEqualTo(2);
        }
    }

    @Test
    void keepsAConnectionNoLongerThanTheServerSays() throws Exception {
        try (var server = RawHttpServer.answering("HTTP/1.1 200 OK\r\nKeep-Alive: timeout=1, max=100\r\nContent-Length: 2\r\n\r\nok");
             var closing = RawHttpServer.answering("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok");
             var noContent = RawHttpServer.answering("HTTP/1.1 204 No Content\r\nContent-Length: 3\r\n\r\nabc");
             client) {
            for (var each : List.of(server, closing, noContent)) {
                URI uri = URI.create("http://127.0.0.1:" + each.port() + "/embed");
                client.post(uri, Map.of(), BODY, TIMEOUT);
                client.post(uri, Map.of(), BODY, TIMEOUT);

                assertThat(each.connections()).isEqualTo(2);
            }
        }
    }

    @Test
    void aServerThatClosesWithoutAnsweringANewConnectionGetsTheRequestOnce() throws Exception {
        try (var server = RawHttpServer.start((socket, self) -> self.readRequest(socket)); client) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/embed");

            assertThatThrownBy(() -> client.post(uri, Map.of(), BODY, TIMEOUT)).isInstanceOf(EOFException.class);
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void doesNotSendAgainWhenTheAnswerBrokeOffPartway() throws Exception {
        try (var server = RawHttpServer.start((socket, self) -> {
            self.readRequest(socket);
            RawHttpServer.write(socket, OK);
            self.readRequest(socket);
            RawHttpServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
        }); client) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/embed");
            client.post(uri, Map.of(), BODY, TIMEOUT);

            assertThatThrownBy(() -> client.post(uri, Map.of(), BODY, TIMEOUT))
                    .isInstanceOf(ProtocolException.class).hasMessageContaining("ended 7 bytes before");
            assertThat(server.requests()).hasSize(2);
        }
    }

    @Test
    void aTricklingAnswerStopsAtTheDeadline() throws Exception {
        try (var server = RawHttpServer.start((socket, self) -> {
            self.readRequest(socket);
            RawHttpServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n");
            for (int i = 0; i < 1000; i++) {
                RawHttpServer.write(socket, "x");
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }); client) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/embed");
            long start = System.nanoTime();

            assertThatThrownBy(() -> client.post(uri, Map.of(), BODY, Duration.ofMillis(400)))
                    .isInstanceOf(HttpTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
        }
    }

    @Test
    void aServerThatStopsReadingCannotHoldALargeRequestPastTheDeadline() throws Exception {
        try (var server = RawHttpServer.start((socket, self) -> TimeUnit.SECONDS.sleep(30)); client) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/embed");
            long start = System.nanoTime();

            assertThatThrownBy(() -> client.post(uri, Map.of(), new byte[64 * 1024 * 1024], Duration.ofMillis(500)))
                    .isInstanceOf(HttpTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void readsHeaderLinesThatArriveInPiecesAndRefusesOverlongOnes() throws Exception {
        String longValue = "v".repeat(12_000);
        try (var split = RawHttpServer.start((socket, self) -> {
            self.readRequest(socket);
            RawHttpServer.write(socket, "HTTP/1.1 200 OK\r\nX-Long: " + longValue.substring(0, 5_000));
            TimeUnit.MILLISECONDS.sleep(30);
            RawHttpServer.write(socket, longValue.substring(5_000) + "\r\nContent-Length: 2\r\n\r\nok");
        });
             var overlong = RawHttpServer.answering("HTTP/1.1 200 OK\r\nX-Long: " + "v".repeat(20_000) + "\r\n\r\n");
             client) {
            HttpAnswer answer = client.post(URI.create("http://127.0.0.1:" + split.port() + "/"), Map.of(), BODY, TIMEOUT);

            assertThat(answer.headers().firstValue("x-long")).hasValue(longValue);
            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("ok");
            assertThatThrownBy(() -> client.post(URI.create("http://127.0.0.1:" + overlong.port() + "/"), Map.of(), BODY, TIMEOUT))
                    .isInstanceOf(ProtocolException.class).hasMessageContaining("longer than");
        }
    }

    @Test
    void aTlsServerThatStopsReadingCannotHoldALargeRequestPastTheDeadline(@TempDir Path dir) throws Exception {
        SSLContext tls = selfSignedFor("localhost", dir);
        try (var server = RawHttpServer.start(tls.getServerSocketFactory(), (socket, self) -> {
            ((SSLSocket) socket).startHandshake();
            TimeUnit.SECONDS.sleep(30);
        });
             var trusting = new BlockingHttpClient(tls.getSocketFactory(), null, BlockingHttpClient.MAX_ANSWER_BYTES)) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> trusting.post(URI.create("https://localhost:" + server.port() + "/"), Map.of(),
                    new byte[64 * 1024 * 1024], Duration.ofMillis(500))).isInstanceOf(HttpTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void skipsInterimAnswers() throws Exception {
        try (var server = RawHttpServer.answering("HTTP/1.1 100 Continue\r\n\r\n" + OK); client) {
            HttpAnswer answer = client.post(URI.create("http://127.0.0.1:" + server.port() + "/embed"), Map.of(), BODY, TIMEOUT);

            assertThat(answer.status()).isEqualTo(200);
            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("ok");
        }
    }

    @Test
    void refusesAnswersLargerThanItsLimit() throws Exception {
        try (var announced = RawHttpServer.answering("HTTP/1.1 200 OK\r\nContent-Length: 2048\r\n\r\n");
             var chunked = RawHttpServer.answering("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                     + "400\r\n" + "x".repeat(1024) + "\r\n400\r\n" + "x".repeat(1024) + "\r\n0\r\n\r\n");
             var small = new BlockingHttpClient(null, null, 1024)) {
            assertThatThrownBy(() -> small.post(URI.create("http://127.0.0.1:" + announced.port() + "/"), Map.of(), BODY, TIMEOUT))
                    .isInstanceOf(ProtocolException.class).hasMessageContaining("more than the 1024 allowed");
            assertThatThrownBy(() -> small.post(URI.create("http://127.0.0.1:" + chunked.port() + "/"), Map.of(), BODY, TIMEOUT))
                    .isInstanceOf(ProtocolException.class).hasMessageContaining("larger than 1024 bytes");
        }
    }

    @Test
    void readsChunkSizesHoweverServersWriteThemAndRefusesSizesOverEightDigits() throws Exception {
        try (var plain = RawHttpServer.answering("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "A\r\n0123456789\r\n00000002\nab\n0\n\n");
             var padded = RawHttpServer.answering("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "a \r\n0123456789\r\n 2\r\nab\r\n0 \r\n\r\n");
             var tooLong = RawHttpServer.answering("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "000000002\r\nab\r\n0\r\n\r\n");
             client) {
            for (var server : List.of(plain, padded)) {
                HttpAnswer answer = client.post(URI.create("http://127.0.0.1:" + server.port() + "/"), Map.of(), BODY, TIMEOUT);
                assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("0123456789ab");
            }
            assertThatThrownBy(() -> client.post(URI.create("http://127.0.0.1:" + tooLong.port() + "/"), Map.of(), BODY, TIMEOUT))
                    .isInstanceOf(ProtocolException.class).hasMessageContaining("chunk size");
        }
    }

    @Test
    void refusesWhatIsNotHttp() throws Exception {
        try (var garbage = RawHttpServer.answering("SSH-2.0-OpenSSH_9.2\r\n\r\n");
             var badLength = RawHttpServer.answering("HTTP/1.1 200 OK\r\nContent-Length: 2, 3\r\n\r\nok");
             var badChunk = RawHttpServer.answering("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
             client) {
            for (var server : List.of(garbage, badLength, badChunk)) {
                assertThatThrownBy(() -> client.post(URI.create("http://127.0.0.1:" + server.port() + "/"), Map.of(), BODY, TIMEOUT))
                        .isInstanceOf(ProtocolException.class);
            }
        }
    }

    @Test
    void refusesHeaderValuesThatWouldInjectHeadersAndSendsNothing() throws Exception {
        try (var server = RawHttpServer.answering(OK); client) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/");

            assertThatThrownBy(() -> client.post(uri, Map.of("Authorization", "Bearer k\r\nX-Evil: 1"), BODY, TIMEOUT))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("Bearer k");
            assertThatThrownBy(() -> client.post(uri, Map.of("Content-Length", "0"), BODY, TIMEOUT))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(server.requests()).isEmpty();
        }
    }

    @Test
    void verifiesTheServersCertificateAndHostName(@TempDir Path dir) throws Exception {
        SSLContext tls = selfSignedFor("localhost", dir);
        try (var server = RawHttpServer.start(tls.getServerSocketFactory(), (socket, self) -> {
            while (self.readRequest(socket) != null) {
                RawHttpServer.write(socket, OK);
            }
        });
             var trusting = new BlockingHttpClient(tls.getSocketFactory(), null, BlockingHttpClient.MAX_ANSWER_BYTES);
             client) {
            HttpAnswer answer = trusting.post(URI.create("https://localhost:" + server.port() + "/"), Map.of(), BODY, TIMEOUT);
            trusting.post(URI.create("https://localhost:" + server.port() + "/"), Map.of(), BODY, TIMEOUT);

            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("ok");
            assertThat(server.connections()).as("one TLS session for both").isEqualTo(1);
            assertThatThrownBy(() -> trusting.post(URI.create("https://127.0.0.1:" + server.port() + "/"), Map.of(), BODY, TIMEOUT))
                    .as("the certificate names localhost, not 127.0.0.1").isInstanceOf(SSLHandshakeException.class);
            assertThatThrownBy(() -> client.post(URI.create("https://localhost:" + server.port() + "/"), Map.of(), BODY, TIMEOUT))
                    .as("a certificate the JVM's trust store does not know").isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void tunnelsHttpsThroughAnHttpProxy(@TempDir Path dir) throws Exception {
        SSLContext tls = selfSignedFor("localhost", dir);
        List<String> proxied = new CopyOnWriteArrayList<>();
        try (var origin = RawHttpServer.start(tls.getServerSocketFactory(), (socket, self) -> {
            self.readRequest(socket);
            RawHttpServer.write(socket, OK);
        });
             var proxy = RawHttpServer.start((socket, self) -> {
                 String connect = readHead(socket.getInputStream());
                 proxied.add(connect.substring(0, connect.indexOf("\r\n")));
                 try (var upstream = new Socket(InetAddress.getLoopbackAddress(), origin.port())) {
                     RawHttpServer.write(socket, "HTTP/1.1 200 Connection established\r\n\r\n");
                     Thread.ofVirtual().start(() -> pipe(socket, upstream));
                     pipe(upstream, socket);
                 }
             });
             var viaProxy = new BlockingHttpClient(tls.getSocketFactory(), proxyAt(proxy.port()), BlockingHttpClient.MAX_ANSWER_BYTES)) {
            HttpAnswer answer = viaProxy.post(URI.create("https://localhost:" + origin.port() + "/v1/embed"), Map.of(), BODY, TIMEOUT);

            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("ok");
            assertThat(proxied).containsExactly("CONNECT localhost:" + origin.port() + " HTTP/1.1");
            assertThat(origin.requests().getFirst().requestLine()).isEqualTo("POST /v1/embed HTTP/1.1");
        }
    }

    @Test
    void sendsWholeUrlsToAPlainHttpProxy() throws Exception {
        try (var proxy = RawHttpServer.answering(OK);
             // As the JDK's own selector names proxies set by -Dhttp.proxyHost: by an unresolved host name.
             var viaProxy = new BlockingHttpClient(null, ProxySelector.of(InetSocketAddress.createUnresolved("localhost",
                     proxy.port())), BlockingHttpClient.MAX_ANSWER_BYTES)) {
            // A host name that does not resolve: only the proxy needs to know it.
            viaProxy.post(URI.create("http://embeddings.invalid:8080/v1/embed"), Map.of(), BODY, TIMEOUT);

            RawHttpServer.Request request = proxy.requests().getFirst();
            assertThat(request.requestLine()).isEqualTo("POST http://embeddings.invalid:8080/v1/embed HTTP/1.1");
            assertThat(request.header("host")).isEqualTo("embeddings.invalid:8080");
        }
    }

    @Test
    void aProxyThatWantsCredentialsFailsTheCallClearly(@TempDir Path dir) throws Exception {
        try (var proxy = RawHttpServer.start((socket, self) -> {
            readHead(socket.getInputStream());
            RawHttpServer.write(socket, "HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n");
        });
             var viaProxy = new BlockingHttpClient(selfSignedFor("localhost", dir).getSocketFactory(), proxyAt(proxy.port()),
                     BlockingHttpClient.MAX_ANSWER_BYTES)) {
            assertThatThrownBy(() -> viaProxy.post(URI.create("https://localhost:1/"), Map.of(), BODY, TIMEOUT))
                    .isInstanceOf(ProtocolException.class).hasMessageContaining("status 407");
        }
    }

    private static ProxySelector proxyAt(int port) {
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {
            }
        };
    }

    private static String readHead(InputStream in) throws IOException {
        var head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed");
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static void pipe(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            in.transferTo(out);
        } catch (IOException ignored) {
            // One side closed: the tunnel is over.
        }
    }

    /** A TLS context whose one key has a self-signed certificate for {@code host}, trusting only that certificate. */
    private static SSLContext selfSignedFor(String host, Path dir) throws Exception {
        Path store = dir.resolve("tls.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + host,
                "-ext", "SAN=dns:" + host, "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", "secret", "-keypass", "secret").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as(output).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "secret".toCharArray());
        }
        var keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "secret".toCharArray());
        var trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(keys);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }
}
