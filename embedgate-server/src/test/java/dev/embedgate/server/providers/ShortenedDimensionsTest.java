package dev.embedgate.server.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.server.api.TestServer;
import dev.embedgate.server.config.ConfigLoader;
import dev.embedgate.server.config.GatewayConfig;
import dev.embedgate.space.Vectors;
import dev.embedgate.testkit.Faults;
import dev.embedgate.testkit.ProviderSimulator;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.SimulatorConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-request {@code dimensions} over real HTTP, with the simulator as OpenAI, Cohere and a TEI server: each length is
 * a space of its own; OpenAI's shortened vectors may be cut from a cached full one (and equal what OpenAI answers),
 * Cohere's never are; sizes a model does not answer with are refused before any provider is called.
 */
class ShortenedDimensionsTest {

    private static final String KEY = "sk-dimensions-test-0123456789";

    private static ProviderSimulator simulator;
    private static TestServer server;

    @TempDir
    static Path configDir;

    @BeforeAll
    static void start() {
        simulator = ProviderSimulator.start(SimulatorConfig.defaults().withPort(0));
        server = server(configDir);
    }

    @AfterAll
    static void stop() {
        server.close();
        simulator.close();
    }

    @AfterEach
    void clearFaults() {
        simulator.reset();
    }

    @Test
    void aShortenedOpenAiRequestAnswersUnitVectorsOfTheAskedSizeInASpaceOfItsOwn() {
        HttpResponse<String> shortened = embed(server, "text-embedding-3-small", List.of("alpha one", "beta two"), 256);
        HttpResponse<String> full = embed(server, "text-embedding-3-small", List.of("alpha one"), null);

        assertThat(shortened.statusCode()).as(shortened.body()).isEqualTo(200);
        for (float[] vector : vectors(shortened)) {
            assertThat(vector).hasSize(256);
            assertThat(Vectors.norm(vector)).isCloseTo(1.0, within(1e-5));
        }
        String space = shortened.headers().firstValue("X-EmbedGate-Space").orElseThrow();
        assertThat(space).contains("text-embedding-3-small").contains("dim=256");
        assertThat(space).isNotEqualTo(full.headers().firstValue("X-EmbedGate-Space").orElseThrow());
        assertThat(vectors(full).getFirst()).hasSize(1536);
    }

    @Test
    void aShortenedVectorCutFromTheCacheEqualsWhatOpenAiAnswersForThatLength() {
        String text = "a text first embedded at full length";
        HttpResponse<String> full = embed(server, "text-embedding-3-small", List.of(text), null);
        assertThat(simulator.log().calls(Route.OPENAI)).isEqualTo(1);

        HttpResponse<String> cut = embed(server, "text-embedding-3-small", List.of(text), 200);

        assertThat(cut.statusCode()).as(cut.body()).isEqualTo(200);
        assertThat(cut.headers().firstValue("X-EmbedGate-Cache")).hasValue("hit");
        assertThat(cut.headers().firstValue("X-EmbedGate-Provider")).hasValue("cache");
        assertThat(simulator.log().calls(Route.OPENAI)).as("no provider call for the cut vector").isEqualTo(1);
        String shortSpace = cut.headers().firstValue("X-EmbedGate-Space").orElseThrow();
        assertThat(shortSpace).isNotEqualTo(full.headers().firstValue("X-EmbedGate-Space").orElseThrow());
        assertThat(entriesOf(server, shortSpace)).as("the cut vector is cached under its own space, in every tier")
                .isNotEmpty().allMatch(count -> count == 1);

        HttpResponse<String> asked = post(server, "{\"model\": \"text-embedding-3-small\", \"input\": \"" + text
                + "\", \"dimensions\": 200, \"cache\": false}");
        assertThat(simulator.log().calls(Route.OPENAI)).as("the provider's own shortened answer").isEqualTo(2);
        assertThat(asked.headers().firstValue("X-EmbedGate-Provider")).hasValue("openai-small");
        assertThat(asked.headers().firstValue("X-EmbedGate-Space")).hasValue(shortSpace);
        assertThat(vectors(cut).getFirst()).hasSize(200).containsExactly(vectors(asked).getFirst(), within(1e-6f));
    }

    @Test
    void cohereOutputDimensionIsServedEndToEndAndNeverCutFromTheCache() {
        String text = "cohere at a shorter length";
        float[] full = vectors(embed(server, "embed-v4.0", List.of(text), null)).getFirst();

        HttpResponse<String> shortened = embed(server, "embed-v4.0", List.of(text), 512);
        HttpResponse<String> again = embed(server, "embed-v4.0", List.of(text), 512);

        assertThat(shortened.statusCode()).as(shortened.body()).isEqualTo(200);
        assertThat(shortened.headers().firstValue("X-EmbedGate-Cache")).hasValue("miss");
        assertThat(shortened.headers().firstValue("X-EmbedGate-Provider")).hasValue("cohere-v4");
        assertThat(shortened.headers().firstValue("X-EmbedGate-Space").orElseThrow()).contains("embed-v4.0")
                .contains("dim=512");
        assertThat(simulator.log().calls(Route.COHERE)).isEqualTo(2);
        float[] vector = vectors(shortened).getFirst();
        assertThat(vector).hasSize(512);
        assertThat(Vectors.norm(vector)).isCloseTo(1.0, within(1e-5));
        assertThat(vector).as("Cohere's own vector, not the full one cut").isNotEqualTo(Vectors.truncated(full, 512));
        assertThat(again.headers().firstValue("X-EmbedGate-Cache")).as("its own space is cached").hasValue("hit");
        assertThat(vectors(again).getFirst()).containsExactly(vector);
    }

    @Test
    void sizesAModelDoesNotAnswerWithAreRefusedNamingThoseItDoes() {
        assertRefused(embed(server, "text-embedding-3-small", List.of("x"), 2000), "1-1536");
        assertRefused(embed(server, "embed-v4.0", List.of("x"), 300), "256, 512, 1024 or 1536");
        assertRefused(embed(server, "embed-english-v3.0", List.of("x"), 512), "returns 1024 dimensions");
        assertRefused(embed(server, "text-embedding-ada-002", List.of("x"), 512), "returns 1536 dimensions");

        assertThat(simulator.log().calls(Route.OPENAI) + simulator.log().calls(Route.COHERE)).isZero();
    }

    @Test
    void aLocalModelAnswersAtItsOwnSizeAndRefusesAnother() {
        HttpResponse<String> own = embed(server, "all-MiniLM-L6-v2", List.of("local"), 384);
        HttpResponse<String> other = embed(server, "all-MiniLM-L6-v2", List.of("local"), 128);

        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(vectors(own).getFirst()).hasSize(384);
        assertRefused(other, "returns 384 dimensions and cannot be shortened");
    }

    @Test
    void modelsListTheLengthsEachAnswersWith() {
        JsonNode models = TestServer.json(server.get("/v1/models")).get("data");

        assertThat(model(models, "text-embedding-3-small").get("supported_dimensions").toString())
                .isEqualTo("{\"min\":1,\"max\":1536}");
        assertThat(model(models, "embed-v4.0").get("supported_dimensions").toString())
                .isEqualTo("{\"sizes\":[256,512,1024,1536]}");
        assertThat(model(models, "embed-english-v3.0").get("supported_dimensions").toString())
                .isEqualTo("{\"sizes\":[1024]}");
        assertThat(model(models, "sentence-transformers/all-MiniLM-L6-v2").get("supported_dimensions").toString())
                .isEqualTo("{\"sizes\":[384]}");
    }

    @Test
    void aProviderThatCannotAnswerWithTheLengthIsLeftOutOfThatRequestsFailover(@TempDir Path dir) {
        simulator.faults(Route.OPENAI, Faults.builder().errorRate(1.0).errorStatuses(500).build());
        try (var own = server(dir)) {
            HttpResponse<String> shortened = embed(own, "small-with-mirror", List.of("fail over?"), 256);
            assertThat(shortened.statusCode()).as(shortened.body()).isEqualTo(502);
            assertThat(simulator.log().calls(Route.TEI)).as("the mirror cannot shorten: never asked").isZero();

            embed(own, "small-with-mirror", List.of("fail over?"), null);
            assertThat(simulator.log().calls(Route.TEI)).as("at full length it is tried").isPositive();
        }
    }

    @Test
    void aWrongLengthForTheShortenedSpaceIsAFailureAndNeverCached(@TempDir Path dir) {
        try (var own = server(dir)) {
            simulator.faults(Route.OPENAI, Faults.scripted("wrong_dimensions", "ok"));
            HttpResponse<String> retried = embed(own, "text-embedding-3-small", List.of("retried"), 256);
            assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
            assertThat(vectors(retried).getFirst()).hasSize(256);
            assertThat(simulator.log().calls(Route.OPENAI)).isEqualTo(2);

            simulator.faults(Route.OPENAI, Faults.builder().wrongDimensionsRate(1.0).build());
            HttpResponse<String> failed = embed(own, "text-embedding-3-small", List.of("never right"), 128);
            assertThat(failed.statusCode()).as(failed.body()).isEqualTo(502);
            String failedSpace = retried.headers().firstValue("X-EmbedGate-Space").orElseThrow()
                    .replace("dim=256", "dim=128");
            assertThat(entriesOf(own, failedSpace)).as("nothing was cached").isNotEmpty().allMatch(count -> count == 0);
        }
    }

    private static void assertRefused(HttpResponse<String> response, String named) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = TestServer.json(response).get("error");
        assertThat(error.get("param").asText()).isEqualTo("dimensions");
        assertThat(error.get("code").asText()).isEqualTo("unsupported_dimensions");
        assertThat(error.get("message").asText()).contains(named);
    }

    private static JsonNode model(JsonNode models, String id) {
        for (JsonNode model : models) {
            if (model.get("id").asText().equals(id)) {
                return model;
            }
        }
        throw new AssertionError("no model " + id + " in " + models);
    }

    /** The entries each cache tier of the server holds in the space. */
    private static List<Long> entriesOf(TestServer target, String space) {
        var counts = new ArrayList<Long>();
        for (JsonNode tier : TestServer.json(target.get("/admin/cache")).get("tiers")) {
            counts.add(tier.get("entries_by_space").path(space).asLong(0));
        }
        return counts;
    }

    private static HttpResponse<String> embed(TestServer target, String model, List<String> texts, Integer dimensions) {
        var body = new StringBuilder("{\"model\": \"").append(model).append("\", \"input\": [");
        for (int i = 0; i < texts.size(); i++) {
            body.append(i == 0 ? "" : ", ").append('"').append(texts.get(i)).append('"');
        }
        body.append(']');
        if (dimensions != null) {
            body.append(", \"dimensions\": ").append(dimensions);
        }
        return post(target, body.append('}').toString());
    }

    private static HttpResponse<String> post(TestServer target, String body) {
        return target.post("/v1/embeddings", body);
    }

    private static List<float[]> vectors(HttpResponse<String> response) {
        var vectors = new ArrayList<float[]>();
        TestServer.json(response).get("data").forEach(item -> vectors.add(TestServer.floats(item.get("embedding"))));
        return vectors;
    }

    /**
     * OpenAI's text-embedding-3-small (shortens by truncation), Cohere's embed-v4.0 (listed sizes) and
     * embed-english-v3.0 (none), ada-002 (none), and a route whose second provider serves the same space as OpenAI
     * but cannot shorten (a TEI server configured as text-embedding-3-small), beside the bundled local models.
     */
    private static TestServer server(Path dir) {
        String yaml = """
                server: {host: 127.0.0.1, port: 0}
                providers:
                  - {name: openai-small, kind: openai, model: text-embedding-3-small, baseUrl: "%1$s", apiKeyEnv: KEY}
                  - {name: openai-ada, kind: openai, model: text-embedding-ada-002, baseUrl: "%1$s", apiKeyEnv: KEY}
                  - {name: cohere-v4, kind: cohere, model: embed-v4.0, baseUrl: "%2$s", apiKeyEnv: KEY}
                  - {name: cohere-v3, kind: cohere, model: embed-english-v3.0, baseUrl: "%2$s", apiKeyEnv: KEY}
                  - {name: small-mirror, kind: tei, model: text-embedding-3-small, baseUrl: "%3$s",
                     dimensions: 1536, maxTokens: 8192}
                routes:
                  - {name: text-embedding-3-small, providers: [openai-small]}
                  - {name: text-embedding-ada-002, providers: [openai-ada]}
                  - {name: embed-v4.0, providers: [cohere-v4]}
                  - {name: embed-english-v3.0, providers: [cohere-v3]}
                  - {name: small-with-mirror, providers: [openai-small, small-mirror]}
                """.formatted(simulator.openAiBaseUrl(), simulator.cohereBaseUrl(), simulator.teiBaseUrl());
        try {
            GatewayConfig config = ConfigLoader.load(Files.writeString(dir.resolve("embedgate.yaml"), yaml));
            return new TestServer(config, Map.of("KEY", KEY));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
