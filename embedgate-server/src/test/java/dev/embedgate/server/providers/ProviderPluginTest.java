package dev.embedgate.server.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.embedgate.server.api.TestServer;
import dev.embedgate.server.config.ConfigException;
import dev.embedgate.server.config.ConfigLoader;
import dev.embedgate.server.config.GatewayConfig;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provider kinds are plug-ins found at start-up: one on the test class path serves like the built-in ones. */
class ProviderPluginTest {

    @TempDir
    Path dir;

    @Test
    void aKindFoundOnTheClassPathServesAConfiguredRoute() throws IOException {
        GatewayConfig config = load("""
                providers:
                  - name: plugged-in
                    kind: constant
                    model: constant-8
                    dimensions: 8
                    maxTokens: 512
                    baseUrl: http://127.0.0.1:9
                routes:
                  - name: plugged
                    providers: [plugged-in]
                """);
        try (var server = new TestServer(config, Map.of())) {
            HttpResponse<String> response = server.post("/v1/embeddings", "{\"model\": \"plugged\", \"input\": [\"a\", \"b\"]}");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-EmbedGate-Provider")).hasValue("plugged-in");
            assertThat(TestServer.json(response).at("/data/1/embedding").size()).isEqualTo(8);
            assertThat(server.get("/status").body()).contains("\"name\":\"plugged-in\"");
        }
    }

    @Test
    void anUnknownKindIsRefusedListingEveryKindFound() throws IOException {
        GatewayConfig config = load("""
                providers:
                  - name: nowhere
                    kind: voyage
                    model: voyage-3
                routes:
                  - name: v
                    providers: [nowhere]
                """);

        assertThatThrownBy(() -> new TestServer(config, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("providers[nowhere].kind: 'voyage' is not a provider kind")
                .hasMessageContaining("openai").hasMessageContaining("constant").hasMessageContaining("hash");
    }

    @Test
    void callSettingsOnAnInProcessModelAreRefusedRatherThanIgnored() throws IOException {
        GatewayConfig config = load("""
                providers:
                  - name: local-minilm
                    kind: local
                    model: all-MiniLM-L6-v2
                    rateLimit: {requestsPerMinute: 60}
                    deadlineMillis: 1000
                routes:
                  - name: m
                    providers: [local-minilm]
                """);

        assertThatThrownBy(() -> new TestServer(config, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("providers[local-minilm]: rateLimit, deadlineMillis cannot be set on a local provider");
    }

    private GatewayConfig load(String yaml) throws IOException {
        return ConfigLoader.load(Files.writeString(dir.resolve("embedgate.yaml"), yaml)).withDataDir(dir.resolve("data"));
    }
}
