package dev.embedgate.provider.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.ProviderCallException;
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

/** Ollama's /api/embed wire format. */
class OllamaProviderTest extends RemoteProviderContract {

    private static final RemoteModel TINY = new RemoteModel("tiny-embed",
            RemoteModelCatalog.remoteSpace("tiny-embed", "ollama", 4, 2048), 4, new ProviderLimits(512, 2048, 1 << 20),
            TokenCounter.estimate());

    @Override
    protected EmbeddingProvider provider(RemoteEndpoint endpoint) {
        return new OllamaProvider(TINY, endpoint);
    }

    @Override
    protected int dimensions() {
        return 4;
    }

    @Override
    protected String path() {
        return "/api/embed";
    }

    @Override
    protected String answer(List<float[]> vectors) {
        String embeddings = vectors.stream().map(RemoteProviderContract::numbers).collect(Collectors.joining(",", "[", "]"));
        return "{\"model\": \"tiny-embed\", \"embeddings\": " + embeddings
                + ", \"total_duration\": 14143917, \"load_duration\": 1019500, \"prompt_eval_count\": 8}";
    }

    @Override
    protected String errorBody(String message) {
        return "{\"error\": \"" + message.replace("\n", "\\n") + "\"}";
    }

    @Test
    void sendsModelInputTruncateAndTheSpacesContextLength() {
        var provider = open(new OllamaProvider(TINY, new RemoteEndpoint(server.baseUrl(), null, null)));
        server.answer(200, answer(List.of(unit(0), unit(1))));

        ProviderResponse response = provider.embed(request("why is the sky blue", "because"));

        JsonNode body = server.lastRequest().json();
        assertThat(body.path("model").asText()).isEqualTo("tiny-embed");
        assertThat(body.path("input").get(0).asText()).isEqualTo("why is the sky blue");
        assertThat(body.path("truncate").asBoolean()).isTrue();
        assertThat(body.path("options").path("num_ctx").asInt()).isEqualTo(2048);
        assertThat(body.has("dimensions")).isFalse();
        assertThat(server.lastRequest().header("authorization")).isNull();
        assertThat(response.promptTokens()).isEqualTo(8);
    }

    @Test
    void aMissingModelIsRejectedWithOllamasMessage() {
        server.answer(404, errorBody("model \"tiny-embed\" not found, try pulling it first"));

        ProviderCallException failure = failure(() -> provider().embed(request("a")));

        assertThat(failure.kind()).isEqualTo(Kind.REJECTED);
        assertThat(failure).hasMessageContaining("try pulling it first");
    }

    @Test
    void nomicTextsCarryTheirTaskPrefixes() {
        RemoteModel nomic = RemoteModelCatalog.builtIn().require("ollama", "nomic-embed-text").remoteModel();
        var provider = open(new OllamaProvider(nomic, new RemoteEndpoint(server.baseUrl(), null, null)));
        float[] vector = new float[768];
        vector[0] = 1;
        server.answer(200, answer(List.of(vector)));

        provider.embed(new ProviderRequest(List.of("what is rust"), InputType.QUERY, true));
        assertThat(server.lastRequest().json().path("input").get(0).asText()).isEqualTo("search_query: what is rust");
        provider.embed(new ProviderRequest(List.of("Rust is a language"), InputType.DOCUMENT, true));
        assertThat(server.lastRequest().json().path("input").get(0).asText())
                .isEqualTo("search_document: Rust is a language");
    }
}
