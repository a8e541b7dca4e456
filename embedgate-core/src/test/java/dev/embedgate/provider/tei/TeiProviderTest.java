package dev.embedgate.provider.tei;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.ProviderCallException.Kind;
import dev.embedgate.provider.ProviderLimits;
import dev.embedgate.provider.ProviderResponse;
import dev.embedgate.provider.RemoteModel;
import dev.embedgate.provider.RemoteModelCatalog;
import dev.embedgate.provider.TokenCounter;
import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.provider.http.RemoteProviderContract;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A TEI server's native /embed wire format. */
class TeiProviderTest extends RemoteProviderContract {

    private static final RemoteModel TINY = new RemoteModel("acme/tiny-embed",
            RemoteModelCatalog.remoteSpace("acme/tiny-embed", "reference", 4, 512), 4, new ProviderLimits(32, 512, 16384),
            TokenCounter.estimate());

    @Override
    protected EmbeddingProvider provider(RemoteEndpoint endpoint) {
        return new TeiProvider(TINY, endpoint);
    }

    @Override
    protected int dimensions() {
        return 4;
    }

    @Override
    protected String path() {
        return "/embed";
    }

    @Override
    protected String answer(List<float[]> vectors) {
        return vectors.stream().map(RemoteProviderContract::numbers).collect(Collectors.joining(",", "[", "]"));
    }

    @Override
    protected String errorBody(String message) {
        return "{\"error\": \"" + message.replace("\n", "\\n") + "\", \"error_type\": \"validation\"}";
    }

    @Test
    void sendsInputsNormalizeAndTruncateAndNoCredentialWhenNoneIsConfigured() {
        var provider = open(new TeiProvider(TINY, new RemoteEndpoint(server.baseUrl(), null, null)));
        server.answer(200, answer(List.of(unit(0))), "x-compute-tokens", "5");

        ProviderResponse response = provider.embed(request("hello"));

        assertThat(server.lastRequest().json().path("inputs").get(0).asText()).isEqualTo("hello");
        assertThat(server.lastRequest().json().path("normalize").asBoolean()).isTrue();
        assertThat(server.lastRequest().json().path("truncate").asBoolean()).isTrue();
        assertThat(server.lastRequest().json().has("model")).isFalse();
        assertThat(server.lastRequest().header("authorization")).isNull();
        assertThat(response.promptTokens()).isEqualTo(5);
        assertThat(provider.name()).isEqualTo("tei/acme/tiny-embed");
    }

    @Test
    void aConfiguredKeyIsSentAsBearer() {
        server.answer(200, answer(List.of(unit(0))));

        provider().embed(request("hello"));

        assertThat(server.lastRequest().header("authorization")).isEqualTo("Bearer " + KEY.reveal());
    }

    @Test
    void aBatchTooLargeIsRejectedWithTeisMessage() {
        server.answer(413, errorBody("batch size 64 > maximum allowed batch size 32"));

        ProviderCallException failure = failure(() -> provider().embed(request("a")));

        assertThat(failure.kind()).isEqualTo(Kind.REJECTED);
        assertThat(failure).hasMessageContaining("maximum allowed batch size 32");
    }

    @Test
    void anOverloadedServerIsRateLimited() {
        server.answer(429, "{\"error\": \"Model is overloaded\", \"error_type\": \"overloaded\"}");

        assertThat(failure(() -> provider().embed(request("a"))).kind()).isEqualTo(Kind.RATE_LIMITED);
    }
}
