package dev.embedgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.provider.local.TinyCrossEncoders;
import dev.embedgate.server.config.ConfigException;
import dev.embedgate.server.config.ConfigLoader;
import dev.embedgate.server.config.GatewayConfig;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local ONNX cross-encoder declared in YAML ({@code kind: local}, the model's directory) serves {@code /v1/rerank}
 * and TEI's {@code /rerank}. The graph is a tiny one with a cross-encoder's exact inputs and output whose logit grows
 * with the document's tokens (no real cross-encoder weights are reachable here), paired with a real BERT tokenizer.
 */
class CrossEncoderRerankTest {

    @TempDir
    Path dir;

    @Test
    void aConfiguredCrossEncoderRanksWithItsLogitsThroughSigmoidOrRaw() throws IOException {
        Path model = TinyCrossEncoders.directory(dir, TinyCrossEncoders.countingDocumentTokens(0.5f, -3f),
                TinyCrossEncoders.CONFIG);
        try (var server = new TestServer(load(model, ""), Map.of())) {
            HttpResponse<String> response = server.post("/v1/rerank", "{\"model\": \"minilm-xenc\", \"query\": \"q\", "
                    + "\"documents\": [\"short\", \"a much longer document about many different things\"]}");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-EmbedGate-Ranker")).hasValue("local/" + model.getFileName());
            JsonNode results = TestServer.json(response).get("results");
            assertThat(results.get(0).get("index").asInt()).isEqualTo(1);
            Map<Integer, Double> relevance = new HashMap<>();
            results.forEach(result -> relevance.put(result.get("index").asInt(), result.get("relevance_score").asDouble()));

            JsonNode raw = TestServer.json(server.post("/rerank", "{\"model\": \"minilm-xenc\", \"query\": \"q\", "
                    + "\"texts\": [\"short\", \"a much longer document about many different things\"], "
                    + "\"raw_scores\": true}"));
            for (JsonNode result : raw) {
                double logit = result.get("score").asDouble();
                assertThat(1 / (1 + Math.exp(-logit))).isCloseTo(relevance.get(result.get("index").asInt()),
                        within(1e-6));
            }
            // "short" is one word piece and the closing [SEP]: 0.5 × 2 − 3.
            assertThat(raw.get(1).get("score").asDouble()).isCloseTo(-2.0, within(1e-6));
        }
    }

    @Test
    void aDirectoryThatHoldsNoCrossEncoderIsRefusedAtStartUpNamingTheKey() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));

        ConfigException refused = org.assertj.core.api.Assertions.catchThrowableOfType(ConfigException.class,
                () -> new TestServer(load(empty, ""), Map.of()).close());

        assertThat(refused).hasMessageContaining("rerank.providers[minilm-xenc].model").hasMessageContaining("empty");
    }

    private GatewayConfig load(Path model, String extra) throws IOException {
        return ConfigLoader.load(Files.writeString(dir.resolve("embedgate.yaml"), """
                server:
                  host: 127.0.0.1
                  port: 0
                rerank:
                  providers:
                    - name: minilm-xenc
                      kind: local
                      model: %s
                  routes:
                    - name: minilm-xenc
                      providers: [minilm-xenc]
                      localFallback: false
                """.formatted(model) + extra));
    }
}
