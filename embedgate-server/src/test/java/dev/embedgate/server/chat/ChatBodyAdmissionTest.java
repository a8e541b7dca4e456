package dev.embedgate.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.server.api.TestServer;
import dev.embedgate.server.config.ConfigLoader;
import dev.embedgate.testkit.Faults;
import dev.embedgate.testkit.ProviderSimulator;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.SimulatorConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A streamed chat answer lives long; its request holds room in {@code server.maxRequestBytesInFlight} for its body's
 * size only, not for the size limit that a body of unknown length (chunked) held until it was read.
 */
class ChatBodyAdmissionTest {

    private static ProviderSimulator simulator;
    private static TestServer server;

    @BeforeAll
    static void start(@TempDir Path dir) throws IOException {
        simulator = ProviderSimulator.start(SimulatorConfig.defaults().withPort(0));
        server = new TestServer(ConfigLoader.load(Files.writeString(dir.resolve("embedgate.yaml"), """
                server:
                  host: 127.0.0.1
                  port: 0
                  maxRequestBytes: 65536
                  maxRequestBytesInFlight: 131072
                chat:
                  providers:
                    - {name: sim-openai, kind: openai, model: gpt-4o-mini, baseUrl: "%s", apiKeyEnv: SIM_KEY}
                  routes:
                    - {name: solo, providers: [sim-openai]}
                """.formatted(simulator.openAiBaseUrl()))), Map.of("SIM_KEY", ChatGateway.KEY));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        simulator.close();
    }

    @Test
    void streamsSentChunkedDoNotHoldTheSizeLimitWhileTheyLast() throws IOException {
        simulator.faults(Route.OPENAI, Faults.paced(200));
        var streams = new ArrayList<Socket>();
        try {
            for (int i = 0; i < 3; i++) {
                streams.add(chunkedStreamUnderway("stream " + i + " of many words the simulated model repeats slowly"));
            }

            HttpResponse<String> other = server.post("/v1/chat/completions", "{\"model\": \"solo\", \"messages\": "
                    + "[{\"role\": \"user\", \"content\": \"and one more\"}]}");

            assertThat(other.statusCode()).as(other.body()).isEqualTo(200);
        } finally {
            for (Socket stream : streams) {
                stream.close();
            }
        }
    }

    /** A streamed chat request sent with a chunked body, once its first text has come back. */
    private static Socket chunkedStreamUnderway(String question) throws IOException {
        byte[] body = ("{\"model\": \"solo\", \"stream\": true, \"messages\": [{\"role\": \"user\", \"content\": \""
                + question + "\"}]}").getBytes(StandardCharsets.UTF_8);
        var socket = new Socket("127.0.0.1", Integer.parseInt(server.baseUrl().replaceAll(".*:", "")));
        OutputStream out = socket.getOutputStream();
        out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        var seen = new StringBuilder();
        while (!seen.toString().contains("\"content\"")) {
            int read = in.read();
            assertThat(read).as("the stream began: " + seen).isNotNegative();
            seen.append((char) read);
        }
        return socket;
    }
}
