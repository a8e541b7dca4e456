package dev.embedgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.testkit.ProviderSimulator;
import dev.embedgate.testkit.SimulatorConfig;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A client's kept-alive connection costs the server (EmbedGate, and the provider simulator that tests and benchmarks
 * put many connections on) little heap: Jetty's default cache of header fields took 96 KB per connection from its
 * second request on, for as long as it stayed open (200 streaming clients were 19 MB of live heap that every young
 * collection copied; a few thousand idle clients would have filled the launcher's 512 MB).
 */
class ConnectionFootprintTest {

    private static final int CONNECTIONS = 300;
    private static final long MAX_BYTES_PER_CONNECTION = 32 * 1024;

    /** A server started for the test, and a path it answers a GET on with 200. */
    private record Running(int port, String path, AutoCloseable server) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            server.close();
        }
    }

    static Stream<Arguments> servers() {
        Callable<Running> gateway = () -> {
            var server = new TestServer();
            return new Running(server.port(), "/health", server);
        };
        Callable<Running> simulator = () -> {
            var server = ProviderSimulator.start(SimulatorConfig.defaults().withPort(0));
            return new Running(server.port(), "/admin/faults", server);
        };
        return Stream.of(Arguments.of("EmbedGate", gateway), Arguments.of("the provider simulator", simulator));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void connectionsKeptAliveAfterRequestsHoldLittleHeap(String name, Callable<Running> start) throws Exception {
        try (Running server = start.call()) {
            int port = server.port();
            byte[] request = ("GET " + server.path() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: footprint-test\r\n"
                    + "Accept: application/json\r\nAccept-Encoding: identity\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            answered(connect(port), request);
            long before = liveHeapBytes();
            List<Socket> open = new ArrayList<>();
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    Socket socket = connect(port);
                    open.add(socket);
                    answered(socket, request);
                    answered(socket, request);
                }
                long grown = liveHeapBytes() - before;

                assertThat(grown).as("heap held by %d kept-alive connections", CONNECTIONS)
                        .isLessThan(CONNECTIONS * MAX_BYTES_PER_CONNECTION);
            } finally {
                for (Socket socket : open) {
                    socket.close();
                }
            }
        }
    }

    private static Socket connect(int port) throws IOException {
        var socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Sends a request and reads its answer whole, leaving the connection open. */
    private static void answered(Socket socket, byte[] request) throws IOException {
        socket.getOutputStream().write(request);
        InputStream in = socket.getInputStream();
        var head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("the answer's head").isNotNegative();
            head.append((char) b);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 200");
        String length = head.toString().lines().filter(line -> line.regionMatches(true, 0, "Content-Length:", 0, 15))
                .findFirst().orElseThrow().substring(15).trim();
        assertThat(in.readNBytes(Integer.parseInt(length))).hasSize(Integer.parseInt(length));
    }

    private static long liveHeapBytes() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
