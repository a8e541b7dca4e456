package dev.embedgate.provider.huggingface;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.ProviderCallException.Kind;
import dev.embedgate.provider.ProviderLimits;
import dev.embedgate.provider.ProviderRequest;
import dev.embedgate.provider.RemoteModel;
import dev.embedgate.provider.RemoteModelCatalog;
import dev.embedgate.provider.TokenCounter;
import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.provider.http.RemoteProviderContract;
import dev.embedgate.space.ReferenceSpaces;
import dev.embedgate.space.InputType;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Hugging Face router's feature-extraction wire format, and its "model is loading" 503. */
class HuggingFaceProviderTest extends RemoteProviderContract {

    private static final RemoteModel TINY = new RemoteModel("acme/tiny-embed",
            RemoteModelCatalog.remoteSpace("acme/tiny-embed", "reference", 4, 256), 4, new ProviderLimits(32, 256, 8192),
            TokenCounter.estimate());

    @Override
    protected EmbeddingProvider provider(RemoteEndpoint endpoint) {
        return new HuggingFaceProvider(TINY, endpoint);
    }

    @Override
    protected int dimensions() {
        return 4;
    }

    @Override
    protected String path() {
        return "/hf-inference/models/acme/tiny-embed/pipeline/feature-extraction";
    }

    @Override
    protected String answer(List<float[]> vectors) {
        return vectors.stream().map(RemoteProviderContract::numbers).collect(Collectors.joining(",", "[", "]"));
    }

    @Override
    protected String errorBody(String message) {
        return "{\"error\": \"" + message.replace("\n", "\\n") + "\"}";
    }

    @Test
    void sendsInputsWithNormalizeAndTruncateAndTheToken() {
        server.answer(200, answer(List.of(unit(0), unit(1))));

        provider().embed(request("one", "two"));

        JsonNode body = server.lastRequest().json();
        assertThat(body.path("inputs").get(0).asText()).isEqualTo("one");
        assertThat(body.path("inputs").get(1).asText()).isEqualTo("two");
        assertThat(body.path("normalize").asBoolean()).isTrue();
        assertThat(body.path("truncate").asBoolean()).isTrue();
        assertThat(server.lastRequest().header("authorization")).isEqualTo("Bearer " + KEY.reveal());
        assertThat(server.lastRequest().header("x-wait-for-model")).isNull();
    }

    @Test
    void aLoadingModelIsARetryableServerErrorAfterItsEstimatedTime() {
        server.answer(503, "{\"error\": \"Model acme/tiny-embed is currently loading\", \"estimated_time\": 20.5}");

        ProviderCallException failure = failure(() -> provider().embed(request("a")));

        assertThat(failure.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(failure.retryAfter()).contains(Duration.ofMillis(20_500));
        assertThat(failure).hasMessageContaining("loading");
    }

    @Test
    void theLoadingWaitIsCapped() {
        server.answer(503, "{\"error\": \"Model acme/tiny-embed is currently loading\", \"estimated_time\": 900.0}");
        var provider = open(new HuggingFaceProvider("hf/tiny", TINY, new RemoteEndpoint(server.baseUrl(), KEY, null),
                new HuggingFaceOptions(false, Duration.ofSeconds(45))));

        assertThat(failure(() -> provider.embed(request("a"))).retryAfter()).contains(Duration.ofSeconds(45));
    }

    @Test
    void waitingForTheModelIsAskedForWhenConfigured() {
        var provider = open(new HuggingFaceProvider("hf/tiny", TINY, new RemoteEndpoint(server.baseUrl(), KEY, null),
                new HuggingFaceOptions(true, Duration.ofSeconds(60))));
        server.answer(200, answer(List.of(unit(0))));

        provider.embed(request("a"));

        assertThat(server.lastRequest().header("x-wait-for-model")).isEqualTo("true");
    }

    @Test
    void tokenLevelOutputIsRefusedAsNotASentenceEmbedding() {
        server.answer(200, "[[" + numbers(unit(0)) + "," + numbers(unit(1)) + "]]");

        ProviderCallException failure = failure(() -> provider().embed(request("a")));

        assertThat(failure.kind()).isEqualTo(Kind.INVALID_RESPONSE);
        assertThat(failure).hasMessageContaining("one vector per token");
    }

    @Test
    void truncationFollowsTheRequest() {
        server.answer(200, answer(List.of(unit(0))));

        provider().embed(new ProviderRequest(List.of("a"), InputType.QUERY, false));

        assertThat(server.lastRequest().json().path("truncate").asBoolean()).isFalse();
    }

    @Test
    void bgeQueriesCarryTheModelsQueryInstructionAndDocumentsDoNot() {
        RemoteModel bge = RemoteModelCatalog.builtIn().require("huggingface", ReferenceSpaces.BGE_SMALL).remoteModel();
        var provider = open(new HuggingFaceProvider(bge, new RemoteEndpoint(server.baseUrl(), KEY, null)));
        server.answer(200, "[" + numbers(unitOf(384)) + "]");

        provider.embed(new ProviderRequest(List.of("what is postgres"), InputType.QUERY, true));
        assertThat(server.lastRequest().path()).isEqualTo("/hf-inference/models/BAAI/bge-small-en-v1.5/pipeline/feature-extraction");
        assertThat(server.lastRequest().json().path("inputs").get(0).asText())
                .isEqualTo(ReferenceSpaces.BGE_QUERY_INSTRUCTION + "what is postgres");

        provider.embed(new ProviderRequest(List.of("PostgreSQL is a database"), InputType.DOCUMENT, true));
        assertThat(server.lastRequest().json().path("inputs").get(0).asText()).isEqualTo("PostgreSQL is a database");
    }

    private static float[] unitOf(int dimensions) {
        float[] vector = new float[dimensions];
        vector[0] = 1;
        return vector;
    }
}
