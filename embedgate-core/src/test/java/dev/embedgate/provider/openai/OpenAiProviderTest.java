package dev.embedgate.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.error.InvalidRequestException;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.ProviderCallException.Kind;
import dev.embedgate.provider.ProviderLimits;
import dev.embedgate.provider.ProviderRequest;
import dev.embedgate.provider.ProviderResponse;
import dev.embedgate.provider.RemoteModel;
import dev.embedgate.provider.RemoteModelCatalog;
import dev.embedgate.provider.TokenCounter;
import dev.embedgate.provider.TokenIdDecoder;
import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.provider.http.RemoteProviderContract;
import dev.embedgate.space.InputType;
import dev.embedgate.space.VectorBytes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * OpenAI's /embeddings wire format: base64 vectors, the dimensions parameter, Azure-style endpoints, truncation, token
 * ids.
 */
class OpenAiProviderTest extends RemoteProviderContract {

    private static final RemoteModel SMALL_MODEL = new RemoteModel("tiny-embed",
            RemoteModelCatalog.remoteSpace("tiny-embed", "api", 4, 8192), 4, new ProviderLimits(2048, 8192, 300_000),
            TokenCounter.cl100k());
    private static final RemoteModelCatalog CATALOG = RemoteModelCatalog.builtIn();

    @Override
    protected EmbeddingProvider provider(RemoteEndpoint endpoint) {
        return new OpenAiProvider(SMALL_MODEL, endpoint);
    }

    @Override
    protected int dimensions() {
        return 4;
    }

    @Override
    protected String path() {
        return "/embeddings";
    }

    @Override
    protected String answer(List<float[]> vectors) {
        return base64Answer(vectors, 7);
    }

    @Override
    protected String errorBody(String message) {
        return "{\"error\": {\"message\": \"" + message.replace("\n", "\\n")
                + "\", \"type\": \"invalid_request_error\", \"param\": null, \"code\": null}}";
    }

    static String base64Answer(List<float[]> vectors, int promptTokens) {
        var data = new ArrayList<String>();
        for (int i = 0; i < vectors.size(); i++) {
            data.add("{\"object\": \"embedding\", \"index\": " + i + ", \"embedding\": \""
                    + Base64.getEncoder().encodeToString(VectorBytes.toBytes(vectors.get(i))) + "\"}");
        }
        return "{\"object\": \"list\", \"data\": [" + String.join(", ", data) + "], \"model\": \"m\", "
                + "\"usage\": {\"prompt_tokens\": " + promptTokens + ", \"total_tokens\": " + promptTokens + "}}";
    }

    @Test
    void asksForBase64WithTheModelAndBearerKeyAndNoDimensionsAtNativeLength() {
        server.answer(200, answer(List.of(unit(0), unit(1))));

        ProviderResponse response = provider().embed(request("alpha", "beta"));

        JsonNode body = server.lastRequest().json();
        assertThat(body.path("model").asText()).isEqualTo("tiny-embed");
        assertThat(body.path("input").get(0).asText()).isEqualTo("alpha");
        assertThat(body.path("input").get(1).asText()).isEqualTo("beta");
        assertThat(body.path("encoding_format").asText()).isEqualTo("base64");
        assertThat(body.has("dimensions")).isFalse();
        assertThat(server.lastRequest().header("authorization")).isEqualTo("Bearer " + KEY.reveal());
        assertThat(response.promptTokens()).isEqualTo(7);
    }

    @Test
    void sendsDimensionsOnlyWhenTheSpaceIsShorterThanTheModel() {
        RemoteModel shortened = CATALOG.require("openai", "text-embedding-3-small").remoteModel(256);
        var provider = open(new OpenAiProvider(shortened, new RemoteEndpoint(server.baseUrl(), KEY, null)));
        server.answer(200, base64Answer(List.of(unitOf(256)), 1));

        provider.embed(request("short"));

        assertThat(server.lastRequest().json().path("dimensions").asInt()).isEqualTo(256);
        assertThat(provider.space().dimensions()).isEqualTo(256);
        assertThat(provider.space()).isNotEqualTo(CATALOG.require("openai", "text-embedding-3-small").space());

        RemoteModel full = CATALOG.require("openai", "text-embedding-3-small").remoteModel();
        var native1536 = open(new OpenAiProvider(full, new RemoteEndpoint(server.baseUrl(), KEY, null)));
        server.answer(200, base64Answer(List.of(unitOf(1536)), 1));
        native1536.embed(request("full"));
        assertThat(server.lastRequest().json().has("dimensions")).isFalse();
    }

    @Test
    void answersAtAnotherLengthAsTheSameProviderOverItsConnections() {
        RemoteModel full = CATALOG.require("openai", "text-embedding-3-small").remoteModel();
        var provider = open(new OpenAiProvider(full, new RemoteEndpoint(server.baseUrl(), KEY, null)));

        EmbeddingProvider shortened = provider.withDimensions(256).orElseThrow();
        shortened.close();
        server.answer(200, base64Answer(List.of(unitOf(256)), 1));
        assertThat(shortened.embed(request("short")).vectors().getFirst()).hasSize(256);

        assertThat(server.lastRequest().json().path("dimensions").asInt()).isEqualTo(256);
        assertThat(shortened.name()).isEqualTo(provider.name());
        assertThat(shortened.space()).isEqualTo(full.space().withDimensions(256)).isNotEqualTo(full.space());
        assertThat(provider.withDimensions(1536)).containsSame(provider);
        assertThat(provider.withDimensions(2048)).isEmpty();
        server.answer(200, base64Answer(List.of(unitOf(1536)), 1));
        assertThat(provider.embed(request("full")).vectors().getFirst())
                .as("closing the shortened provider leaves the connections it shares open").hasSize(1536);
    }

    @Test
    void anAnswerOfTheFullLengthToAShortenedCallIsInvalid() {
        RemoteModel full = CATALOG.require("openai", "text-embedding-3-small").remoteModel();
        var shortened = open(new OpenAiProvider(full, new RemoteEndpoint(server.baseUrl(), KEY, null)))
                .withDimensions(256).orElseThrow();
        server.answer(200, base64Answer(List.of(unitOf(1536)), 1));

        assertThat(failure(() -> shortened.embed(request("ignored dimensions"))).kind()).isEqualTo(Kind.INVALID_RESPONSE);
    }

    @Test
    void modelsThatDoNotShortenHaveNoOtherLength() {
        RemoteModel ada = CATALOG.require("openai", "text-embedding-ada-002").remoteModel();
        var provider = open(new OpenAiProvider(ada, new RemoteEndpoint(server.baseUrl(), KEY, null)));

        assertThat(provider.withDimensions(512)).isEmpty();
        assertThat(provider.dimensionOptions().shortens()).isFalse();
    }

    @Test
    void readsFloatArraysFromServersThatIgnoreBase64AndPlacesVectorsByIndex() {
        server.answer(200, "{\"data\": [{\"index\": 1, \"embedding\": " + numbers(unit(1)) + "},"
                + " {\"index\": 0, \"embedding\": " + numbers(unit(0)) + "}], \"usage\": {\"prompt_tokens\": 2}}");

        ProviderResponse response = provider().embed(request("zero", "one"));

        assertThat(response.vectors().get(0)).containsExactly(unit(0));
        assertThat(response.vectors().get(1)).containsExactly(unit(1));
    }

    @Test
    void floatEncodingCanBeAskedFor() {
        var provider = open(new OpenAiProvider("vllm/tiny", SMALL_MODEL, new RemoteEndpoint(server.baseUrl(), null, null),
                OpenAiOptions.DEFAULT.withEncoding(OpenAiOptions.Encoding.FLOAT)));
        server.answer(200, answer(List.of(unit(0))));

        provider.embed(request("a"));

        assertThat(server.lastRequest().json().path("encoding_format").asText()).isEqualTo("float");
        assertThat(server.lastRequest().header("authorization")).isNull();
        assertThat(provider.name()).isEqualTo("vllm/tiny");
    }

    @Test
    void azureStyleSendsTheApiKeyHeaderAndApiVersion() {
        var endpoint = new RemoteEndpoint(server.baseUrl().resolve("/openai/deployments/emb/"), KEY, null);
        var provider = open(new OpenAiProvider("azure/emb", SMALL_MODEL, endpoint, OpenAiOptions.azure("2024-10-21")));
        server.answer(200, answer(List.of(unit(0))));

        provider.embed(request("a"));

        assertThat(server.lastRequest().path()).isEqualTo("/openai/deployments/emb/embeddings");
        assertThat(server.lastRequest().query()).isEqualTo("api-version=2024-10-21");
        assertThat(server.lastRequest().header("api-key")).isEqualTo(KEY.reveal());
        assertThat(server.lastRequest().header("authorization")).isNull();
    }

    @Test
    void duplicateOrOutOfRangeIndexesAreInvalid() {
        server.answer(200, "{\"data\": [{\"index\": 0, \"embedding\": " + numbers(unit(0)) + "},"
                + " {\"index\": 0, \"embedding\": " + numbers(unit(1)) + "}]}");
        assertThat(failure(() -> provider().embed(request("a", "b"))).kind())
                .isEqualTo(Kind.INVALID_RESPONSE);

        server.answer(200, "{\"data\": [{\"index\": 5, \"embedding\": " + numbers(unit(0)) + "}]}");
        assertThat(failure(() -> provider().embed(request("a"))).kind())
                .isEqualTo(Kind.INVALID_RESPONSE);
    }

    @Test
    void textsOverTheTokenLimitAreCutAtATokenBoundaryAndReported() {
        String tooLong = "word ".repeat(9000);   // 9,000 cl100k tokens
        server.answer(200, answer(List.of(unit(0), unit(1))));

        ProviderResponse response = provider().embed(request("short", tooLong));

        String sent = server.lastRequest().json().path("input").get(1).asText();
        assertThat(TokenCounter.cl100k().count(sent)).isBetween(8190, 8192);
        assertThat(tooLong).startsWith(sent);
        assertThat(response.truncatedIndexes()).containsExactly(1);
        assertThat(server.lastRequest().json().path("input").get(0).asText()).isEqualTo("short");
    }

    @Test
    void textsOverTheTokenLimitAreRefusedWhenTruncationIsNotAllowed() {
        var refused = catchThrowableOfType(InvalidRequestException.class, () -> provider().embed(
                new ProviderRequest(List.of("fine", "word ".repeat(9000)), InputType.QUERY, false)));

        assertThat(refused.param()).isEqualTo("input[1]");
        assertThat(refused.code()).isEqualTo("input_too_long");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void inputsThatCameAsTokenIdsGoOnAsIdsAndCostTheirCount() {
        server.answer(200, "{\"data\": [{\"index\": 0, \"embedding\": " + numbers(unit(0)) + "},"
                + " {\"index\": 1, \"embedding\": " + numbers(unit(1)) + "}]}");   // no usage: counted here

        ProviderResponse response = provider().embed(tokenRequest(true, new int[] {15339}, new int[] {50222, 385}));

        JsonNode input = server.lastRequest().json().path("input");
        assertThat(input.toString()).isEqualTo("[[15339],[50222,385]]");
        assertThat(response.promptTokens()).isEqualTo(3);
        assertThat(provider().readsTokenIds()).isTrue();
    }

    @Test
    void tokenIdsOverTheTokenLimitAreCutOrRefusedAsTextsAre() {
        int[] tooLong = new int[9000];
        java.util.Arrays.fill(tooLong, 1317);
        server.answer(200, answer(List.of(unit(0), unit(1))));

        ProviderResponse response = provider().embed(tokenRequest(true, new int[] {15339}, tooLong));

        assertThat(server.lastRequest().json().path("input").get(1)).hasSize(8192);
        assertThat(response.truncatedIndexes()).containsExactly(1);
        var refused = catchThrowableOfType(InvalidRequestException.class,
                () -> provider().embed(tokenRequest(false, new int[] {15339}, tooLong)));
        assertThat(refused.param()).isEqualTo("input[1]");
        assertThat(refused.code()).isEqualTo("input_too_long");
    }

    @Test
    void aServerWithAnotherTokenizerGetsTheTextTheIdsDecodeTo() {
        RemoteModel otherTokenizer = new RemoteModel("bge-on-vllm", SMALL_MODEL.space(), 4, SMALL_MODEL.limits(),
                TokenCounter.estimate());
        var provider = open(new OpenAiProvider("vllm/bge", otherTokenizer, new RemoteEndpoint(server.baseUrl(), null,
                null), OpenAiOptions.DEFAULT));
        server.answer(200, answer(List.of(unit(0))));

        provider.embed(tokenRequest(true, new int[] {50222, 385}));

        assertThat(provider.readsTokenIds()).isFalse();
        assertThat(server.lastRequest().json().path("input").get(0).asText()).isEqualTo("hello");
    }

    private static ProviderRequest tokenRequest(boolean truncate, int[]... ids) {
        var tokenIds = List.of(ids);
        return new ProviderRequest(TokenIdDecoder.decodeAll(tokenIds), InputType.DOCUMENT, truncate,
                dev.embedgate.call.Priority.ONLINE, tokenIds);
    }

    @Test
    void theDefaultPerAttemptTimeoutIsThirtySeconds() {
        var endpoint = new RemoteEndpoint(server.baseUrl(), KEY, null);
        assertThat(endpoint.timeout()).isEqualTo(Duration.ofSeconds(30));
    }

    private static float[] unitOf(int dimensions) {
        float[] vector = new float[dimensions];
        vector[0] = 1;
        return vector;
    }
}
