package dev.embedgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.server.config.GatewayConfig;
import dev.embedgate.testkit.ProviderSimulator;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.SimulatorConfig;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Inputs sent as cl100k_base token ids, as LangChain's Python {@code OpenAIEmbeddings} sends them by default: every
 * model embeds the text the ids decode to; OpenAI's models get the ids themselves and bill exactly their count.
 */
class TokenIdInputTest {

    /*
     * What LangChain's Python OpenAIEmbeddings sends for these two texts: tiktoken's cl100k_base encoding of each
     * (produced once with JTokkit, whose cl100k_base is tiktoken's), one array of ids per text, in one request. The
     * second holds 語, whose three UTF-8 bytes two tokens share (45918 and 252).
     */
    private static final String FIRST = "LangChain splits long documents before it embeds them.";
    private static final int[] FIRST_IDS = {27317, 19368, 41567, 1317, 9477, 1603, 433, 11840, 82, 1124, 13};
    private static final String SECOND = "Crème brûlée and 日本語: tokens that split characters 🙂";
    private static final int[] SECOND_IDS = {16384, 25253, 1437, 30872, 75, 8047, 323, 76502, 22656, 45918, 252, 25,
            11460, 430, 6859, 5885, 28584};

    private static TestServer local;
    private static ProviderSimulator simulator;
    private static TestServer openAi;

    @BeforeAll
    static void start() {
        local = new TestServer();
        simulator = ProviderSimulator.start(SimulatorConfig.defaults().withPort(0));
        openAi = new TestServer(new GatewayConfig(new GatewayConfig.Server("127.0.0.1", 0, null), null, null),
                Map.of("OPENAI_API_KEY", "sk-embedgate-test-0123456789abcdef", "OPENAI_BASE_URL",
                        simulator.openAiBaseUrl()));
    }

    @AfterAll
    static void stop() {
        openAi.close();
        simulator.close();
        local.close();
    }

    @BeforeEach
    void forgetCalls() {
        simulator.log().reset();
    }

    @Test
    void langChainsTokenArraysGetTheVectorsOfTheirTextsFromTheLocalModel() {
        HttpResponse<String> ids = local.post("/v1/embeddings",
                langChainBody("all-MiniLM-L6-v2", FIRST_IDS, SECOND_IDS));
        HttpResponse<String> texts = local.post("/v1/embeddings", textBody("all-MiniLM-L6-v2", FIRST, SECOND));

        assertThat(ids.statusCode()).as(ids.body()).isEqualTo(200);
        assertThat(ids.headers().firstValue("X-EmbedGate-Cache")).hasValue("miss");
        assertCloseTo(base64Vectors(ids), floatVectors(texts));
        assertThat(usage(ids, "prompt_tokens")).as("the local model's own count of the decoded texts")
                .isEqualTo(usage(texts, "prompt_tokens"));
    }

    @Test
    void langChainsTokenArraysReachOpenAiAsIdsAndGetTheVectorsOfTheirTexts() {
        HttpResponse<String> ids = openAi.post("/v1/embeddings", langChainBody("text-embedding-3-small", FIRST_IDS,
                SECOND_IDS));

        assertThat(ids.statusCode()).as(ids.body()).isEqualTo(200);
        assertThat(simulator.log().tokenIdInputs(Route.OPENAI)).as("the ids went on as ids").isEqualTo(2);
        assertThat(usage(ids, "prompt_tokens")).as("exactly the ids sent")
                .isEqualTo(FIRST_IDS.length + SECOND_IDS.length);

        HttpResponse<String> texts = openAi.post("/v1/embeddings", textBody("text-embedding-3-small", FIRST, SECOND));
        assertThat(simulator.log().tokenIdInputs(Route.OPENAI)).as("texts went on as texts").isEqualTo(2);
        List<float[]> fromIds = base64Vectors(ids);
        List<float[]> fromTexts = floatVectors(texts);
        for (int i = 0; i < fromIds.size(); i++) {
            assertThat(fromIds.get(i)).containsExactly(fromTexts.get(i));
        }
    }

    @Test
    void idsThatAreTheTextsOwnEncodingShareItsCacheEntry() {
        HttpResponse<String> text = openAi.post("/v1/embeddings", "{\"model\": \"text-embedding-3-small\", \"input\": "
                + "\"goodbye\"}");
        HttpResponse<String> ids = openAi.post("/v1/embeddings", "{\"model\": \"text-embedding-3-small\", \"input\": "
                + "[[19045, 29474]]}");

        assertThat(ids.headers().firstValue("X-EmbedGate-Cache")).hasValue("hit");
        assertThat(simulator.log().calls(Route.OPENAI)).isEqualTo(1);
        assertThat(usage(ids, "prompt_tokens")).isZero();
        assertThat(TestServer.json(ids).at("/usage/prompt_tokens_details/cached_tokens").asLong())
                .isEqualTo(usage(text, "prompt_tokens"));
    }

    @Test
    void idsThatDecodeToATextButAreNotItsEncodingAreAnInputOfTheirOwnForOpenAi() {
        openAi.post("/v1/embeddings", "{\"model\": \"text-embedding-3-small\", \"input\": \"hello\"}");
        // "hel" + "lo": they decode to "hello", whose own encoding is the single token 15339
        HttpResponse<String> split = openAi.post("/v1/embeddings", "{\"model\": \"text-embedding-3-small\", "
                + "\"input\": [50222, 385]}");

        assertThat(split.statusCode()).as(split.body()).isEqualTo(200);
        assertThat(split.headers().firstValue("X-EmbedGate-Cache")).hasValue("miss");
        assertThat(simulator.log().tokenIdInputs(Route.OPENAI)).isEqualTo(1);
        assertThat(usage(split, "prompt_tokens")).isEqualTo(2);
    }

    @Test
    void chunksThatSplitACharacterAreDecodedWithReplacementCharacters() {
        // LangChain cuts long texts into chunks of 8191 ids, which may fall between the tokens of one character.
        int[] head = Arrays.copyOf(SECOND_IDS, 10);
        int[] tail = Arrays.copyOfRange(SECOND_IDS, 10, SECOND_IDS.length);
        HttpResponse<String> chunks = local.post("/v1/embeddings", langChainBody("bge-small-en-v1.5", head, tail));
        HttpResponse<String> texts = local.post("/v1/embeddings", textBody("bge-small-en-v1.5",
                "Crème brûlée and 日本\uFFFD", "\uFFFD: tokens that split characters 🙂"));

        assertThat(chunks.statusCode()).as(chunks.body()).isEqualTo(200);
        assertCloseTo(base64Vectors(chunks), floatVectors(texts));
    }

    @Test
    void tokenIdsOverTheModelsLimitAreCutOrRefusedAsTextsAre() {
        String ids = Arrays.stream(new int[300]).map(unused -> 1317).mapToObj(Integer::toString)
                .collect(Collectors.joining(","));
        HttpResponse<String> cut = local.post("/v1/embeddings", "{\"model\": \"all-MiniLM-L6-v2\", \"input\": [[" + ids
                + "]]}");
        HttpResponse<String> refused = local.post("/v1/embeddings", "{\"model\": \"all-MiniLM-L6-v2\", \"input\": [["
                + ids + "]], \"truncate\": false}");

        assertThat(cut.statusCode()).isEqualTo(200);
        assertThat(cut.headers().firstValue("X-EmbedGate-Truncated-Inputs")).hasValue("0");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(refused).at("/error/param").asText()).isEqualTo("input[0]");
        assertThat(TestServer.json(refused).at("/error/code").asText()).isEqualTo("input_too_long");
    }

    /** The body LangChain's client sends: arrays of ids, vectors asked for as base64 (the OpenAI SDK's default). */
    private static String langChainBody(String model, int[]... inputs) {
        String arrays = Arrays.stream(inputs).map(Arrays::toString).collect(Collectors.joining(", "));
        return "{\"input\": [" + arrays + "], \"model\": \"" + model + "\", \"encoding_format\": \"base64\"}";
    }

    /** The same texts sent as text, not cached, so that the model embeds them. */
    private static String textBody(String model, String... texts) {
        return "{\"model\": \"" + model + "\", \"input\": " + TestServer.JSON.valueToTree(texts)
                + ", \"cache\": false}";
    }

    private static long usage(HttpResponse<String> response, String field) {
        return TestServer.json(response).get("usage").get(field).asLong();
    }

    private static List<float[]> base64Vectors(HttpResponse<String> response) {
        JsonNode data = TestServer.json(response).get("data");
        return data.findValuesAsText("embedding").stream().map(encoded -> {
            ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(encoded)).order(ByteOrder.LITTLE_ENDIAN);
            float[] vector = new float[bytes.remaining() / Float.BYTES];
            bytes.asFloatBuffer().get(vector);
            return vector;
        }).toList();
    }

    private static List<float[]> floatVectors(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var vectors = new java.util.ArrayList<float[]>();
        TestServer.json(response).get("data").forEach(item -> vectors.add(TestServer.floats(item.get("embedding"))));
        return vectors;
    }

    private static void assertCloseTo(List<float[]> actual, List<float[]> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.size(); i++) {
            assertThat(actual.get(i)).hasSameSizeAs(expected.get(i));
            for (int d = 0; d < actual.get(i).length; d++) {
                assertThat(actual.get(i)[d]).isCloseTo(expected.get(i)[d], Offset.offset(1e-6f));
            }
        }
    }
}
