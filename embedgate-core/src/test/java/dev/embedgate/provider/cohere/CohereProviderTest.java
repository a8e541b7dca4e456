package dev.embedgate.provider.cohere;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.ProviderCallException.Kind;
import dev.embedgate.provider.ProviderLimits;
import dev.embedgate.provider.ProviderRequest;
import dev.embedgate.provider.ProviderResponse;
import dev.embedgate.provider.RemoteModel;
import dev.embedgate.provider.RemoteModelCatalog;
import dev.embedgate.provider.TokenCounter;
import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.provider.http.RemoteProviderContract;
import dev.embedgate.space.InputType;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Cohere's /v2/embed wire format: input types, float embeddings by type, billed units. */
class CohereProviderTest extends RemoteProviderContract {

    private static final RemoteModel TINY = new RemoteModel("embed-tiny-v3.0",
            RemoteModelCatalog.remoteSpace("embed-tiny-v3.0", "api", 4, 512), 4, new ProviderLimits(96, 512, 49152),
            TokenCounter.estimate());

    @Override
    protected EmbeddingProvider provider(RemoteEndpoint endpoint) {
        return new CohereProvider(TINY, endpoint);
    }

    @Override
    protected int dimensions() {
        return 4;
    }

    @Override
    protected String path() {
        return "/v2/embed";
    }

    @Override
    protected String answer(List<float[]> vectors) {
        String floats = vectors.stream().map(RemoteProviderContract::numbers).collect(Collectors.joining(",", "[", "]"));
        return "{\"id\": \"b2c3\", \"embeddings\": {\"float\": " + floats + "}, \"texts\": [\"…\"], "
                + "\"meta\": {\"api_version\": {\"version\": \"2\"}, \"billed_units\": {\"input_tokens\": 11}}, "
                + "\"response_type\": \"embeddings_by_type\"}";
    }

    @Override
    protected String errorBody(String message) {
        return "{\"id\": \"e1\", \"message\": \"" + message.replace("\n", "\\n") + "\"}";
    }

    @Test
    void mapsInputTypesToSearchQueryAndSearchDocument() {
        assertThat(CohereProvider.wireInputType(InputType.QUERY)).isEqualTo("search_query");
        assertThat(CohereProvider.wireInputType(InputType.DOCUMENT)).isEqualTo("search_document");

        server.answer(200, answer(List.of(unit(0))));
        provider().embed(new ProviderRequest(List.of("q"), InputType.QUERY, true));
        assertThat(server.lastRequest().json().path("input_type").asText()).isEqualTo("search_query");
        provider().embed(new ProviderRequest(List.of("d"), InputType.DOCUMENT, true));
        assertThat(server.lastRequest().json().path("input_type").asText()).isEqualTo("search_document");
    }

    @Test
    void sendsTextsModelFloatTypeAndTruncation() {
        server.answer(200, answer(List.of(unit(0), unit(1))));

        ProviderResponse response = provider().embed(request("one", "two"));

        JsonNode body = server.lastRequest().json();
        assertThat(body.path("model").asText()).isEqualTo("embed-tiny-v3.0");
        assertThat(body.path("texts").get(1).asText()).isEqualTo("two");
        assertThat(body.path("embedding_types").toString()).isEqualTo("[\"float\"]");
        assertThat(body.path("truncate").asText()).isEqualTo("END");
        assertThat(body.has("output_dimension")).isFalse();
        assertThat(server.lastRequest().header("authorization")).isEqualTo("Bearer " + KEY.reveal());
        assertThat(response.promptTokens()).isEqualTo(11);

        provider().embed(new ProviderRequest(List.of("a", "b"), InputType.DOCUMENT, false));
        assertThat(server.lastRequest().json().path("truncate").asText()).isEqualTo("NONE");
    }

    @Test
    void anAnswerWithoutFloatEmbeddingsIsInvalid() {
        server.answer(200, "{\"id\": \"x\", \"embeddings\": {\"int8\": [[1, 2, 3, 4]]}, \"meta\": {}}");

        assertThat(failure(() -> provider().embed(request("a"))).kind()).isEqualTo(Kind.INVALID_RESPONSE);
    }

    @Test
    void embedV4AnswersAtItsListedSizesAskingForOutputDimension() {
        RemoteModel v4 = RemoteModelCatalog.builtIn().require("cohere", "embed-v4.0").remoteModel();
        var provider = open(new CohereProvider(v4, new RemoteEndpoint(server.baseUrl(), KEY, null)));
        float[] vector = new float[512];
        vector[0] = 1f;
        server.answer(200, answer(List.of(vector)));

        EmbeddingProvider shortened = provider.withDimensions(512).orElseThrow();
        assertThat(shortened.embed(request("short")).vectors().getFirst()).hasSize(512);

        assertThat(server.lastRequest().json().path("output_dimension").asInt()).isEqualTo(512);
        assertThat(shortened.space()).isEqualTo(v4.space().withDimensions(512));
        assertThat(provider.withDimensions(300)).isEmpty();
        assertThat(open(new CohereProvider(RemoteModelCatalog.builtIn().require("cohere", "embed-english-v3.0")
                .remoteModel(), new RemoteEndpoint(server.baseUrl(), KEY, null))).withDimensions(512)).isEmpty();
    }

    @Test
    void knownCohereModelsHaveTheirDimensionsAndNinetySixTextsACall() {
        RemoteModel english = RemoteModelCatalog.builtIn().require("cohere", "embed-english-v3.0").remoteModel();

        assertThat(english.space().dimensions()).isEqualTo(1024);
        assertThat(english.limits().maxInputsPerRequest()).isEqualTo(96);
    }
}
