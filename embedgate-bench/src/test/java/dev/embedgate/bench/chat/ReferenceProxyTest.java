package dev.embedgate.bench.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's yardstick proxy passes a streamed answer through chunk by chunk, with the caller's headers. Runs
 * where nginx is installed (the benchmark leaves its row out where it is not).
 */
class ReferenceProxyTest {

    @Test
    void nginxPassesAStreamThroughAsItIsWritten(@TempDir Path folder) throws Exception {
        assumeTrue(ReferenceProxy.binary().isPresent(), "nginx is not installed");
        HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        upstream.createContext("/openai/v1/chat/completions", exchange -> {
            boolean keyed = "Bearer sk-test".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(keyed ? 200 : 401, 0);
            try (OutputStream body = exchange.getResponseBody()) {
                for (String word : new String[] {"one", "two", "three"}) {
                    write(body, "data: {\"choices\":[{\"delta\":{\"content\":\"" + word + "\"}}]}\n\n");
                    pause();
                }
                write(body, "data: [DONE]\n\n");
            }
        });
        upstream.start();
        try (ReferenceProxy proxy = ReferenceProxy.start(ReferenceProxy.binary().orElseThrow(),
                URI.create("http://127.0.0.1:" + upstream.getAddress().getPort() + "/openai/v1"), folder)) {
            StreamTiming timing;
            try (var connection = new StreamConnection(proxy.baseUri().resolve("/openai/v1/chat/completions"),
                    "sk-test")) {
                timing = connection.stream("{\"stream\":true}".getBytes(StandardCharsets.UTF_8));
            }

            assertThat(timing.tokens()).isEqualTo(3);
            assertThat(timing.done()).isTrue();
            // Chunks 20 ms apart upstream arrive apart: nginx did not buffer the answer.
            assertThat(timing.gapsNanos()).hasSize(2);
            for (long gap : timing.gapsNanos()) {
                assertThat(gap).isGreaterThan(10_000_000L);
            }
            assertThat(proxy.cpuNanos()).isNotNegative();
        } finally {
            upstream.stop(0);
        }
    }

    private static void write(OutputStream body, String text) throws IOException {
        body.write(text.getBytes(StandardCharsets.UTF_8));
        body.flush();
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
