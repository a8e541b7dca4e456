package dev.embedgate.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.server.api.TestServer;
import dev.embedgate.server.config.ConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bug in a chat provider (an exception that is no provider failure) after a streamed answer has begun ends the
 * stream as a broken one, with an error event and a cut connection; it is not retried onto what the client has.
 */
class ChatProviderBugTest {

    private static TestServer server;

    @BeforeAll
    static void start(@TempDir Path dir) throws IOException {
        server = new TestServer(ConfigLoader.load(Files.writeString(dir.resolve("embedgate.yaml"), """
                server:
                  host: 127.0.0.1
                  port: 0
                chat:
                  providers:
                    - {name: buggy, kind: faulty-chat, model: buggy-model, baseUrl: "http://127.0.0.1:9"}
                  routes:
                    - {name: buggy-model, providers: [buggy]}
                """)), Map.of());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aBugAfterTheFirstTokenIsNeverRetriedAndEndsTheStreamWithAnErrorEvent() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"buggy-model\", \"stream\": true, "
                        + "\"messages\": [{\"role\": \"user\", \"content\": \"hello\"}]}")).build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        var body = new ByteArrayOutputStream();
        boolean cut = false;
        try (InputStream in = response.body()) {
            in.transferTo(body);
        } catch (IOException e) {
            cut = true;
        }

        String text = body.toString(StandardCharsets.UTF_8);
        assertThat(cut).as("the connection is cut: " + text).isTrue();
        SseAnswer stream = SseAnswer.parse(text);
        assertThat(stream.done()).isFalse();
        assertThat(stream.content()).as("never retried onto what the client has").isEqualTo(FaultyChatPlugin.FIRST_PART);
        assertThat(stream.last().at("/error/code").asText()).isEqualTo("provider_failed");
        assertThat(text).as("nothing but events").doesNotContain("\n{\"error\"");
    }
}
