package dev.embedgate.server.providers;

import static dev.embedgate.server.providers.EnvironmentProvidersTest.defaultModel;
import static dev.embedgate.server.providers.EnvironmentProvidersTest.embed;
import static dev.embedgate.server.providers.EnvironmentProvidersTest.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.embedgate.call.LogCapture;
import dev.embedgate.server.api.TestServer;
import dev.embedgate.server.config.ConfigException;
import dev.embedgate.server.config.GatewayConfig;
import dev.embedgate.testkit.ProviderSimulator;
import dev.embedgate.testkit.SimulatorConfig;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The variable names the teams behind EmbedGate used (EMBEDDINGS_PROVIDER, HF_API_KEY, HUGGINGFACE_API_KEY,
 * HUGGINGFACE_BASE_URL in the router's and the legacy API's form, EMBEDDING_MODEL) work end to end, against a
 * simulator that accepts only the one Hugging Face token set; and when two names of one setting disagree, the one
 * that takes precedence wins and start-up names the other, never its value.
 */
class ConventionalVariablesTest {

    private static final String HF_KEY = "hf_conventionalNames0123456789";
    private static final String OTHER_HF_KEY = "hf_notTheAcceptedToken987654321";
    private static final String ROUTES_LOG = "dev.embedgate.server.config.EnvironmentRoutes";
    private static final String MINILM = "sentence-transformers/all-MiniLM-L6-v2";
    private static final String BGE = "BAAI/bge-small-en-v1.5";
    private static ProviderSimulator simulator;

    @BeforeAll
    static void startSimulator() {
        simulator = ProviderSimulator.start(new SimulatorConfig(0, 1, List.of(HF_KEY), Map.of()));
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @Test
    void eachNameOfTheHuggingFaceTokenReachesHuggingFace() {
        for (String variable : List.of("HF_API_KEY", "HUGGINGFACE_API_KEY", "HF_TOKEN")) {
            try (var server = server(Map.of(variable, HF_KEY, "HF_INFERENCE_ENDPOINT", simulator.huggingFaceBaseUrl()))) {
                HttpResponse<String> response = embed(server, "bge-small-en-v1.5");

                assertThat(response.headers().firstValue("X-EmbedGate-Provider")).as(variable)
                        .hasValue("huggingface/" + BGE);
            }
        }
    }

    @Test
    void huggingFaceBaseUrlTakesTheRoutersForm() {
        try (var server = server(Map.of("HF_API_KEY", HF_KEY, "HUGGINGFACE_BASE_URL", simulator.huggingFaceBaseUrl()))) {
            assertThat(embed(server, "all-MiniLM-L6-v2").headers().firstValue("X-EmbedGate-Provider"))
                    .hasValue("huggingface/" + MINILM);
        }
    }

    @Test
    void huggingFaceBaseUrlInTheLegacyFormNamesTheDefaultModelAndEveryModelIsCalledOnTheLegacyPath() {
        try (var server = server(Map.of("EMBEDDING_PROVIDER", "huggingface", "HUGGINGFACE_API_KEY", HF_KEY,
                "HUGGINGFACE_BASE_URL", simulator.huggingFaceLegacyModelUrl(BGE)))) {
            HttpResponse<String> named = embed(server, "bge-small-en-v1.5");
            HttpResponse<String> other = embed(server, "all-MiniLM-L6-v2");

            assertThat(defaultModel(server)).isEqualTo(BGE);
            // Any other path under .../models/ is a model the simulator does not know (404): the local model would
            // have answered instead.
            assertThat(named.headers().firstValue("X-EmbedGate-Provider")).hasValue("huggingface/" + BGE);
            assertThat(other.headers().firstValue("X-EmbedGate-Provider")).hasValue("huggingface/" + MINILM);
        }
    }

    @Test
    void embeddingsProviderChoosesTheDefaultLikeEmbeddingProvider() {
        try (var server = server(Map.of("EMBEDDINGS_PROVIDER", "huggingface", "HF_API_KEY", HF_KEY,
                "HF_INFERENCE_ENDPOINT", simulator.huggingFaceBaseUrl(), "OLLAMA_HOST", simulator.ollamaBaseUrl()))) {
            assertThat(defaultModel(server)).isEqualTo(MINILM);
            assertThat(embed(server, MINILM).headers().firstValue("X-EmbedGate-Provider"))
                    .hasValue("huggingface/" + MINILM);
        }
    }

    @Test
    void whenTwoNamesDisagreeThePrecedingOneWinsAndTheOtherIsNamedInTheLogWithoutItsValue() {
        try (var log = LogCapture.start();
             var server = server(Map.of("EMBEDDING_PROVIDER", "huggingface", "EMBEDDINGS_PROVIDER", "ollama",
                     "HF_TOKEN", HF_KEY, "HF_API_KEY", OTHER_HF_KEY,
                     "HF_INFERENCE_ENDPOINT", simulator.huggingFaceBaseUrl(), "OLLAMA_HOST", simulator.ollamaBaseUrl()))) {
            HttpResponse<String> response = embed(server, MINILM);

            assertThat(response.headers().firstValue("X-EmbedGate-Provider")).as("HF_TOKEN's key was sent")
                    .hasValue("huggingface/" + MINILM);
            assertThat(log.lines(ROUTES_LOG, "WARN")).hasSize(2)
                    .anySatisfy(line -> assertThat(line).endsWith("EMBEDDINGS_PROVIDER is ignored: EMBEDDING_PROVIDER "
                            + "is set too, to something else, and takes precedence"))
                    .anySatisfy(line -> assertThat(line).endsWith("HF_API_KEY is ignored: HF_TOKEN is set too, to "
                            + "something else, and takes precedence"));
            assertThat(log.lines()).noneSatisfy(line -> assertThat(line).containsAnyOf(HF_KEY, OTHER_HF_KEY));
        }
    }

    @Test
    void embeddingModelChoosesTheDefaultAndTheFileWinsOverIt() {
        var environment = Map.of("EMBEDDING_MODEL", "bge-small-en-v1.5", "HF_TOKEN", HF_KEY,
                "HF_INFERENCE_ENDPOINT", simulator.huggingFaceBaseUrl());
        var fileDefault = new GatewayConfig(new GatewayConfig.Server("127.0.0.1", 0, null), null,
                new GatewayConfig.Models("all-MiniLM-L6-v2-q", null, null, null, null));

        try (var log = LogCapture.start(); var fromEnvironment = server(environment);
             var fromFile = new TestServer(fileDefault, environment)) {
            assertThat(defaultModel(fromEnvironment)).isEqualTo(BGE);
            assertThat(defaultModel(fromFile)).isEqualTo("sentence-transformers/all-MiniLM-L6-v2-int8");
            assertThat(log.lines(ROUTES_LOG, "WARN")).singleElement().asString()
                    .endsWith("EMBEDDING_MODEL is ignored: models.default is set in the configuration and takes "
                            + "precedence");
        }
    }

    @Test
    void anEmbeddingModelNoProviderServesStopsStartUpInOneLine() {
        assertThatThrownBy(() -> server(Map.of("EMBEDDING_PROVIDER", "huggingface", "HF_TOKEN", HF_KEY,
                "EMBEDDING_MODEL", "text-embedding-3-small")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("EMBEDDING_MODEL is 'text-embedding-3-small', which huggingface does not serve")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> server(Map.of("EMBEDDING_MODEL", "e5-small")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("EMBEDDING_MODEL is 'e5-small', but no model has that name (EMBEDDING_PROVIDER is "
                        + "not set and no provider whose credentials are set serves EMBEDDING_MODEL: the in-process "
                        + "model); local models: sentence-transformers/all-MiniLM-L6-v2, "
                        + "sentence-transformers/all-MiniLM-L6-v2-int8, BAAI/bge-small-en-v1.5, "
                        + "BAAI/bge-small-en-v1.5-int8");
        // A typo in a remote model's name: the refusal lists the models the environment's providers serve too
        assertThatThrownBy(() -> server(Map.of("EMBEDDING_MODEL", "text-embedding-3-smal", "HF_TOKEN", HF_KEY)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("EMBEDDING_MODEL is 'text-embedding-3-smal', but no model has that name")
                .hasMessageContaining("huggingface models: ").hasMessageNotContaining("\n");
    }
}
