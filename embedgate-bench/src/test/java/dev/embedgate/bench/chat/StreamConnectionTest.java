package dev.embedgate.bench.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against a loopback server that streams server-sent events in HTTP/1.1 chunks, paced by sleeps. */
class StreamConnectionTest {

    private static final long PAUSE_MILLIS = 40;
    private static final String FIRST = "data: {\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n";

    private final AtomicInteger requestsServed = new AtomicInteger();
    private final AtomicInteger connectionsAccepted = new AtomicInteger();
    private ServerSocket server;

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    /** Serves every request on every connection: {@code status}, and for 200 the script of chunks, split oddly. */
    private URI serve(int status, List<String> tokens) throws IOException {
        server = new ServerSocket(0);
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    connectionsAccepted.incrementAndGet();
                    Thread.ofVirtual().start(() -> answer(socket, status, tokens));
                } catch (IOException e) {
                    return;
                }
            }
        });
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/v1/chat/completions");
    }

    private void answer(Socket socket, int status, List<String> tokens) {
        try (socket) {
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            while (true) {
                int length = 0;
                String line = in.readLine();
                if (line == null) {
                    return;
                }
                for (; !line.isEmpty(); line = in.readLine()) {
                    if (line.toLowerCase().startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                in.skip(length);
                requestsServed.incrementAndGet();
                if (status != 200) {
                    String body = "{\"error\":\"no\"}";
                    out.write(("HTTP/1.1 " + status + " No\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    continue;
                }
                out.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                chunk(out, FIRST);
                for (String token : tokens) {
                    Thread.sleep(PAUSE_MILLIS);
                    String event = "data: {\"choices\":[{\"delta\":{\"content\":\"" + token + "\"}}]}\n\n";
                    // An event split across two chunks arrives when its second half does.
                    chunk(out, event.substring(0, 10));
                    chunk(out, event.substring(10));
                }
                chunk(out, "data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n");
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // The client closed the connection.
        }
    }

    private static void chunk(OutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Test
    void timesTheFirstTextChunkFromTheRequestAndTheGapsBetweenTextChunks() throws IOException {
        try (var connection = new StreamConnection(serve(200, List.of("You ", "said ", "hello")), null)) {
            StreamTiming timing = connection.stream("{}".getBytes(StandardCharsets.UTF_8));

            assertThat(timing.tokens()).isEqualTo(3);
            assertThat(timing.done()).isTrue();
            // The empty first delta is not the first token: the first text comes after one pause.
            assertThat(timing.firstTokenNanos() / 1e6).isBetween(PAUSE_MILLIS * 0.9, PAUSE_MILLIS * 5.0);
            assertThat(timing.gapsNanos()).hasSize(2);
            for (long gap : timing.gapsNanos()) {
                assertThat(gap / 1e6).isBetween(PAUSE_MILLIS * 0.9, PAUSE_MILLIS * 5.0);
            }
        }
    }

    @Test
    void keepsTheConnectionForTheNextStream() throws IOException {
        try (var connection = new StreamConnection(serve(200, List.of("a ", "b")), "key")) {
            connection.stream("{}".getBytes(StandardCharsets.UTF_8));
            connection.stream("{}".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(requestsServed).hasValue(2);
        assertThat(connectionsAccepted).hasValue(1);
    }

    @Test
    void anErrorStatusFailsTheStreamAndTheNextOneReconnects() throws IOException {
        try (var connection = new StreamConnection(serve(429, List.of()), null)) {
            assertThatThrownBy(() -> connection.stream("{}".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(IOException.class).hasMessageContaining("429");
            assertThatThrownBy(() -> connection.stream("{}".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(IOException.class).hasMessageContaining("429");
        }
        assertThat(connectionsAccepted).hasValue(2);
    }
}
