package dev.embedgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.call.LogCapture;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A client that hangs up in the middle of its request is the client's doing: one log line, and its own status. */
class ClientAbortTest {

    @Test
    void clientThatHangsUpMidBodyIsLoggedInOneLineAndCountedAsAnAbortNotA500() throws InterruptedException {
        try (var server = new TestServer(); var logs = LogCapture.start()) {
            byte[] partOfBody = new byte[1_000];
            Arrays.fill(partOfBody, (byte) ' ');
            RawHttp.sendAndHangUp(server.port(), "POST /v1/embeddings HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n", partOfBody);

            String metrics = scrapeUntil(server, "route=\"/v1/embeddings\",status=\"499\"");
            assertThat(metrics).contains("embedgate_http_requests_seconds_count{method=\"POST\",model=\"none\","
                    + "route=\"/v1/embeddings\",status=\"499\"} 1").doesNotContain("status=\"500\"");
            String logged = String.join("\n", logs.lines());
            assertThat(logged).doesNotContain("ERROR").doesNotContain("\tat ");
            assertThat(logged.lines().filter(line -> line.contains("/v1/embeddings")))
                    .singleElement().asString().contains("INFO").contains("closed the connection");
        }
    }

    /** The request is served after the hang-up; poll until it is counted, for at most 10 s. */
    private static String scrapeUntil(TestServer server, String wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String metrics = server.get("/metrics").body();
        while (!metrics.contains(wanted) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            metrics = server.get("/metrics").body();
        }
        return metrics;
    }
}
