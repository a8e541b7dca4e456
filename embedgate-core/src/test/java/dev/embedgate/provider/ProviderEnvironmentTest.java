package dev.embedgate.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Credentials, base URLs and the default provider from the conventional environment variables. */
class ProviderEnvironmentTest {

    private static final ProviderPlugins PLUGINS = ProviderPlugins.discovered();

    @Test
    void autoTakesTheFirstProviderWithCredentialsInOrder() {
        assertThat(select(Map.of("OPENAI_API_KEY", "sk-1", "HF_TOKEN", "hf_1", "COHERE_API_KEY", "c", "OLLAMA_HOST", "x")))
                .isEqualTo("openai");
        assertThat(select(Map.of("HF_TOKEN", "hf_1", "COHERE_API_KEY", "c", "OLLAMA_HOST", "x"))).isEqualTo("huggingface");
        assertThat(select(Map.of("COHERE_API_KEY", "c", "OLLAMA_HOST", "x"))).isEqualTo("cohere");
        assertThat(select(Map.of("OLLAMA_HOST", "gpu-box"))).isEqualTo("ollama");
        assertThat(select(Map.of())).isEqualTo("local");
        assertThat(select(Map.of("EMBEDDING_PROVIDER", "auto", "COHERE_API_KEY", "c"))).isEqualTo("cohere");
    }

    @Test
    void theReasonNamesTheVariableThatDecided() {
        ProviderSelection selection = new ProviderEnvironment(Map.of("HUGGINGFACE_API_KEY", "hf_1", "COHERE_API_KEY", "c"))
                .selection(PLUGINS);

        assertThat(selection.kind()).isEqualTo("huggingface");
        assertThat(selection.reason()).contains("EMBEDDING_PROVIDER is not set").contains("HUGGINGFACE_API_KEY is set");
        assertThat(selection.model()).isEqualTo("sentence-transformers/all-MiniLM-L6-v2");
        assertThat(new ProviderEnvironment(Map.of()).selection(PLUGINS).reason()).contains("in-process");
    }

    @Test
    void blankValuesCountAsUnset() {
        assertThat(select(Map.of("OPENAI_API_KEY", "  ", "EMBEDDING_PROVIDER", ""))).isEqualTo("local");
    }

    @Test
    void anExplicitChoiceWins() {
        assertThat(select(Map.of("EMBEDDING_PROVIDER", "local", "OPENAI_API_KEY", "sk-1"))).isEqualTo("local");
        assertThat(select(Map.of("EMBEDDING_PROVIDER", "Ollama", "OPENAI_API_KEY", "sk-1"))).isEqualTo("ollama");
        assertThat(select(Map.of("EMBEDDING_PROVIDER", "cohere", "OPENAI_API_KEY", "sk-1", "COHERE_API_KEY", "c")))
                .isEqualTo("cohere");
        assertThat(new ProviderEnvironment(Map.of("EMBEDDING_PROVIDER", "cohere", "COHERE_API_KEY", "c")).selection(PLUGINS).model())
                .isEqualTo("embed-english-v3.0");
    }

    @Test
    void anExplicitChoiceWithoutCredentialsFailsSayingWhatToSet() {
        assertThatThrownBy(() -> select(Map.of("EMBEDDING_PROVIDER", "cohere")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("COHERE_API_KEY");
        assertThatThrownBy(() -> select(Map.of("EMBEDDING_PROVIDER", "openai"))).hasMessageContaining("OPENAI_API_KEY");
        assertThatThrownBy(() -> select(Map.of("EMBEDDING_PROVIDER", "huggingface"))).hasMessageContaining("HF_TOKEN");
    }

    @Test
    void aSelfHostedOpenAiCompatibleServerNeedsNoKey() {
        assertThat(select(Map.of("EMBEDDING_PROVIDER", "openai", "OPENAI_BASE_URL", "http://vllm:8000/v1")))
                .isEqualTo("openai");
    }

    @Test
    void unknownProvidersAreRefusedListingTheChoices() {
        assertThatThrownBy(() -> select(Map.of("EMBEDDING_PROVIDER", "hash")))
                .hasMessageContaining("'hash'").hasMessageContaining("auto, openai, huggingface, cohere, ollama, local");
        assertThatThrownBy(() -> select(Map.of("EMBEDDING_PROVIDER", "voyage"))).hasMessageContaining("'voyage'");
    }

    @Test
    void baseUrlsHaveDefaultsAndOverrides() {
        var defaults = new ProviderEnvironment(Map.of());
        assertThat(baseUrl(defaults, "openai")).isEqualTo(URI.create("https://api.openai.com/v1"));
        assertThat(baseUrl(defaults, "huggingface")).isEqualTo(URI.create("https://router.huggingface.co"));
        assertThat(baseUrl(defaults, "cohere")).isEqualTo(URI.create("https://api.cohere.com"));
        assertThat(baseUrl(defaults, "ollama")).isEqualTo(URI.create("http://localhost:11434"));

        var simulator = new ProviderEnvironment(Map.of("OPENAI_BASE_URL", "http://127.0.0.1:9000/v1/",
                "HF_INFERENCE_ENDPOINT", "http://127.0.0.1:9000", "COHERE_BASE_URL", "http://127.0.0.1:9000",
                "OLLAMA_HOST", "127.0.0.1:9000"));
        assertThat(baseUrl(simulator, "openai")).isEqualTo(URI.create("http://127.0.0.1:9000/v1"));
        assertThat(baseUrl(simulator, "huggingface")).isEqualTo(URI.create("http://127.0.0.1:9000"));
        assertThat(baseUrl(simulator, "cohere")).isEqualTo(URI.create("http://127.0.0.1:9000"));
        assertThat(baseUrl(simulator, "ollama")).isEqualTo(URI.create("http://127.0.0.1:9000"));
    }

    @Test
    void theHuggingFaceKeyFallsBackToHfToken() {
        assertThat(key(new ProviderEnvironment(Map.of("HF_TOKEN", "hf_b")), "huggingface")).isEqualTo("hf_b");
        assertThat(key(new ProviderEnvironment(Map.of("HF_TOKEN", "hf_b", "HUGGINGFACE_API_KEY", "hf_a")), "huggingface"))
                .isEqualTo("hf_a");
    }

    @Test
    void endpointsCarryTheKeyAndTimeout() {
        var environment = new ProviderEnvironment(Map.of("COHERE_API_KEY", "co-key", "COHERE_BASE_URL", "http://127.0.0.1:1"));

        var endpoint = environment.endpoint(PLUGINS.require("cohere"), Duration.ofSeconds(5));

        assertThat(endpoint.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:1"));
        assertThat(endpoint.key().orElseThrow().reveal()).isEqualTo("co-key");
        assertThat(endpoint.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(environment.endpoint(PLUGINS.require("ollama"), null).key()).isEmpty();
    }

    @Test
    void aBadUrlFailsNamingItsVariable() {
        assertThatThrownBy(() -> baseUrl(new ProviderEnvironment(Map.of("COHERE_BASE_URL", "api.cohere.com")), "cohere"))
                .hasMessageContaining("COHERE_BASE_URL");
    }

    private static String select(Map<String, String> variables) {
        return new ProviderEnvironment(variables).selection(PLUGINS).kind();
    }

    private static URI baseUrl(ProviderEnvironment environment, String kind) {
        return environment.endpoint(PLUGINS.require(kind), null).baseUrl();
    }

    private static String key(ProviderEnvironment environment, String kind) {
        return environment.endpoint(PLUGINS.require(kind), null).key().orElseThrow().reveal();
    }

    @Test
    void everyKindIsAPluginFoundAtStartUp() {
        assertThat(PLUGINS.kinds()).containsExactlyInAnyOrder("openai", "huggingface", "tei", "cohere", "ollama",
                "jina");
        assertThat(PLUGINS.reachableFromEnvironment()).extracting(ProviderPlugin::kind)
                .containsExactly("openai", "huggingface", "cohere", "ollama", "jina");
        assertThatThrownBy(() -> new ProviderEnvironment(Map.of()).endpoint(PLUGINS.require("tei"), null))
                .hasMessageContaining("baseUrl");
    }

    @Test
    void aKindThatOnlyReranksIsNeverTheDefaultModelsProvider() {
        var environment = new ProviderEnvironment(Map.of("JINA_API_KEY", "jina-key-0123456789"));

        assertThat(environment.selection(PLUGINS).local()).isTrue();
        assertThat(environment.withCredentials(PLUGINS)).extracting(ProviderPlugin::kind).containsExactly("jina");
        assertThatThrownBy(() -> new ProviderEnvironment(Map.of("EMBEDDING_PROVIDER", "jina",
                "JINA_API_KEY", "jina-key-0123456789")).selection(PLUGINS))
                .hasMessageContaining("EMBEDDING_PROVIDER is 'jina'");
    }
}
