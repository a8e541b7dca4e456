package dev.embedgate.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The names other tools and teams give the same settings (EMBEDDINGS_PROVIDER, HF_API_KEY, HUGGINGFACE_BASE_URL),
 * which one wins when several are set, EMBEDDING_MODEL, and which kinds have their credentials set.
 */
class EnvironmentVariableNamesTest {

    private static final ProviderPlugins PLUGINS = ProviderPlugins.discovered();

    @Test
    void embeddingsProviderChoosesLikeEmbeddingProviderWhichWinsWhenBothAreSet() {
        var plural = new ProviderEnvironment(Map.of("EMBEDDINGS_PROVIDER", "cohere", "COHERE_API_KEY", "c",
                "OPENAI_API_KEY", "sk-1"));
        var both = new ProviderEnvironment(Map.of("EMBEDDING_PROVIDER", "openai", "EMBEDDINGS_PROVIDER", "cohere",
                "COHERE_API_KEY", "c", "OPENAI_API_KEY", "sk-1"));

        assertThat(plural.selection(PLUGINS).kind()).isEqualTo("cohere");
        assertThat(plural.selection(PLUGINS).reason()).isEqualTo("EMBEDDINGS_PROVIDER is cohere");
        assertThat(plural.ignoredVariables(PLUGINS)).isEmpty();
        assertThat(both.selection(PLUGINS).kind()).isEqualTo("openai");
        assertThat(both.ignoredVariables(PLUGINS)).containsExactly("EMBEDDINGS_PROVIDER is ignored: "
                + "EMBEDDING_PROVIDER is set too, to something else, and takes precedence");
    }

    @Test
    void theHuggingFaceTokenIsReadUnderEachOfItsNamesInOrderAndTheIgnoredOnesAreNamedNeverShown() {
        assertThat(key(Map.of("HF_API_KEY", "hf_c"))).isEqualTo("hf_c");
        assertThat(key(Map.of("HF_API_KEY", "hf_c", "HF_TOKEN", "hf_b"))).isEqualTo("hf_b");
        assertThat(key(Map.of("HF_API_KEY", "hf_c", "HF_TOKEN", "hf_b", "HUGGINGFACE_API_KEY", "hf_a"))).isEqualTo("hf_a");

        var all = new ProviderEnvironment(Map.of("HF_API_KEY", "hf_secret_c", "HF_TOKEN", "hf_secret_b",
                "HUGGINGFACE_API_KEY", "hf_secret_a"));
        assertThat(all.ignoredVariables(PLUGINS)).containsExactly(
                "HF_TOKEN is ignored: HUGGINGFACE_API_KEY is set too, to something else, and takes precedence",
                "HF_API_KEY is ignored: HUGGINGFACE_API_KEY is set too, to something else, and takes precedence");
        assertThat(String.join("\n", all.ignoredVariables(PLUGINS))).doesNotContain("secret");
        assertThat(new ProviderEnvironment(Map.of("HF_API_KEY", "hf_same", "HF_TOKEN", "hf_same"))
                .ignoredVariables(PLUGINS)).as("the same key twice ignores nothing").isEmpty();
    }

    @Test
    void huggingFaceBaseUrlIsReadWhenHfInferenceEndpointIsNot() {
        assertThat(baseUrl(Map.of("HUGGINGFACE_BASE_URL", "http://127.0.0.1:9/hf")))
                .isEqualTo(URI.create("http://127.0.0.1:9/hf"));
        assertThat(baseUrl(Map.of("HUGGINGFACE_BASE_URL", "http://127.0.0.1:9/hf",
                "HF_INFERENCE_ENDPOINT", "http://127.0.0.1:8/hf"))).isEqualTo(URI.create("http://127.0.0.1:8/hf"));
        assertThatThrownBy(() -> baseUrl(Map.of("HUGGINGFACE_BASE_URL", "router.huggingface.co")))
                .hasMessageContaining("HUGGINGFACE_BASE_URL").hasMessageNotContaining("HF_INFERENCE_ENDPOINT");
    }

    @Test
    void aLegacyUrlNamingAModelMakesItHuggingFacesDefault() {
        var environment = new ProviderEnvironment(Map.of("HF_TOKEN", "hf_1",
                "HUGGINGFACE_BASE_URL", "https://api-inference.huggingface.co/models/BAAI/bge-small-en-v1.5"));

        assertThat(environment.selection(PLUGINS).model()).isEqualTo("BAAI/bge-small-en-v1.5");
        assertThat(environment.selection(PLUGINS, Optional.of("all-MiniLM-L6-v2")).model())
                .as("EMBEDDING_MODEL wins over the URL").isEqualTo("sentence-transformers/all-MiniLM-L6-v2");
        assertThatThrownBy(() -> new ProviderEnvironment(Map.of("HF_TOKEN", "hf_1", "HUGGINGFACE_BASE_URL",
                "https://api-inference.huggingface.co/models/intfloat/e5-large")).selection(PLUGINS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HUGGINGFACE_BASE_URL names the model 'intfloat/e5-large'")
                .hasMessageContaining("sentence-transformers/all-MiniLM-L6-v2");
    }

    @Test
    void embeddingModelChoosesTheDefaultModelByNameOrAliasAmongTheChosenProvidersModels() {
        assertThat(selection(Map.of("EMBEDDING_PROVIDER", "cohere", "COHERE_API_KEY", "c",
                "EMBEDDING_MODEL", "embed-english-light-v3.0")).model()).isEqualTo("embed-english-light-v3.0");
        assertThat(selection(Map.of("EMBEDDING_PROVIDER", "ollama", "EMBEDDING_MODEL", "ALL-MINILM:latest")).model())
                .isEqualTo("all-minilm");
        assertThatThrownBy(() -> selection(Map.of("EMBEDDING_PROVIDER", "cohere", "COHERE_API_KEY", "c",
                "EMBEDDING_MODEL", "text-embedding-3-small")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("EMBEDDING_MODEL is 'text-embedding-3-small', which cohere does not serve; its models: "
                        + "embed-english-v3.0, embed-english-light-v3.0, embed-multilingual-v3.0, "
                        + "embed-multilingual-light-v3.0, embed-v4.0");
    }

    @Test
    void underAutoEmbeddingModelPicksTheFirstProviderWithCredentialsThatServesIt() {
        var keys = Map.of("OPENAI_API_KEY", "sk-1", "COHERE_API_KEY", "c", "EMBEDDING_MODEL", "embed-v4.0");

        assertThat(selection(keys).kind()).isEqualTo("cohere");
        assertThat(selection(Map.of("OPENAI_API_KEY", "sk-1", "EMBEDDING_MODEL", "bge-small-en-v1.5")))
                .as("no provider with credentials serves it: the local models are asked")
                .extracting(ProviderSelection::kind, ProviderSelection::model).containsExactly("local", "bge-small-en-v1.5");
    }

    @Test
    void theKindsWhoseModelsAreServedAreThoseWithCredentialsSet() {
        assertThat(configured(Map.of("OPENAI_API_KEY", "sk-1", "COHERE_API_KEY", "c")))
                .containsExactly("openai", "cohere");
        assertThat(configured(Map.of("HF_API_KEY", "hf_1", "OLLAMA_HOST", "gpu-box")))
                .containsExactly("huggingface", "ollama");
        assertThat(configured(Map.of("OPENAI_BASE_URL", "http://vllm:8000/v1", "HF_INFERENCE_ENDPOINT",
                "http://tei:80", "COHERE_BASE_URL", "http://127.0.0.1:9")))
                .as("a URL alone sets up no kind: EMBEDDING_PROVIDER names a key-less server").isEmpty();
    }

    private static ProviderSelection selection(Map<String, String> variables) {
        return new ProviderEnvironment(variables).selection(PLUGINS);
    }

    private static List<String> configured(Map<String, String> variables) {
        return new ProviderEnvironment(variables).withCredentials(PLUGINS).stream().map(ProviderPlugin::kind).toList();
    }

    private static String key(Map<String, String> variables) {
        return new ProviderEnvironment(variables).endpoint(PLUGINS.require("huggingface"), null).key().orElseThrow()
                .reveal();
    }

    private static URI baseUrl(Map<String, String> variables) {
        return new ProviderEnvironment(variables).endpoint(PLUGINS.require("huggingface"), null).baseUrl();
    }
}
