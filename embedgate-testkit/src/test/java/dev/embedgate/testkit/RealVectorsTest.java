package dev.embedgate.testkit;

import static dev.embedgate.testkit.Http.bearer;
import static dev.embedgate.testkit.Http.floats;
import static dev.embedgate.testkit.Http.json;
import static dev.embedgate.testkit.Http.norm;
import static dev.embedgate.testkit.Http.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.embedgate.provider.ProviderRequest;
import dev.embedgate.provider.local.BuiltInModels;
import dev.embedgate.provider.local.InferenceSettings;
import dev.embedgate.provider.local.LocalModelSpec;
import dev.embedgate.provider.local.LocalModels;
import dev.embedgate.provider.local.LocalOnnxProvider;
import dev.embedgate.space.InputType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulated providers of the built-in models share EmbedGate's local space; the others are synthetic. */
class RealVectorsTest {

    private static final List<String> TEXTS = List.of("The cat sat on the mat.", "Embedding gateways batch requests.");
    private static ProviderSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = ProviderSimulator.start(SimulatorConfig.defaults());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static List<float[]> local(String name) {
        LocalModelSpec spec = BuiltInModels.all(LocalModels.defaultCacheDir()).stream()
                .filter(candidate -> candidate.name().equals(name)).findFirst().orElseThrow();
        try (var provider = new LocalOnnxProvider(spec, InferenceSettings.defaults(spec.batchable(), 2))) {
            return provider.embed(new ProviderRequest(TEXTS, InputType.DOCUMENT, true)).vectors();
        }
    }

    private static void assertSameVectors(List<float[]> actual, List<float[]> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).hasSize(expected.get(i).length);
            for (int d = 0; d < expected.get(i).length; d++) {
                assertThat(actual.get(i)[d]).isCloseTo(expected.get(i)[d], within(1e-6f));
            }
        }
    }

    @Test
    void huggingFaceMiniLmAnswersWhatTheLocalProviderAnswers() throws Exception {
        var response = post(simulator.huggingFaceBaseUrl() + "/hf-inference/models/" + BuiltInModels.MINILM
                + "/pipeline/feature-extraction", Map.of("inputs", TEXTS), "Authorization", bearer("hf_x"));

        var vectors = new java.util.ArrayList<float[]>();
        json(response).forEach(vector -> vectors.add(floats(vector)));
        assertSameVectors(vectors, local(BuiltInModels.MINILM));
    }

    @Test
    void everyRouteServingMiniLmServesTheSameSpace() throws Exception {
        float[] huggingFace = floats(json(post(simulator.huggingFaceBaseUrl() + "/pipeline/feature-extraction/"
                + "all-MiniLM-L6-v2", Map.of("inputs", TEXTS.getFirst()), "Authorization", bearer("hf_x"))));
        float[] tei = floats(json(post(simulator.teiBaseUrl() + "/embed", Map.of("inputs", TEXTS.getFirst()))).get(0));
        float[] ollama = floats(json(post(simulator.ollamaBaseUrl() + "/api/embed",
                Map.of("model", "all-minilm", "input", TEXTS.getFirst()))).at("/embeddings/0"));

        assertThat(tei).containsExactly(huggingFace);
        assertThat(ollama).containsExactly(huggingFace);
    }

    @Test
    void bgeSmallOnCohereAnswersWhatTheLocalProviderAnswersForDocuments() throws Exception {
        var response = post(simulator.cohereBaseUrl() + "/v2/embed", Map.of("model", "bge-small-en-v1.5",
                "texts", TEXTS, "input_type", "search_document"), "Authorization", bearer("co"));

        var vectors = new java.util.ArrayList<float[]>();
        json(response).at("/embeddings/float").forEach(vector -> vectors.add(floats(vector)));
        assertSameVectors(vectors, local(BuiltInModels.BGE_SMALL));
    }

    @Test
    void syntheticVectorsAreDeterministicUnitLengthAndOfTheModelsDimensions() throws Exception {
        Map<String, Integer> openAi = Map.of("text-embedding-3-small", 1536, "text-embedding-3-large", 3072,
                "text-embedding-ada-002", 1536);
        for (var model : openAi.entrySet()) {
            var body = Map.of("model", model.getKey(), "input", "hello");
            float[] first = floats(json(post(simulator.openAiBaseUrl() + "/embeddings", body, "Authorization",
                    bearer("sk"))).at("/data/0/embedding"));
            try (var other = ProviderSimulator.start(SimulatorConfig.defaults().withFaults(Route.OPENAI, Faults.NONE))) {
                float[] again = floats(json(post(other.openAiBaseUrl() + "/embeddings", body, "Authorization",
                        bearer("sk"))).at("/data/0/embedding"));
                assertThat(again).containsExactly(first);
            }
            assertThat(first).hasSize(model.getValue());
            assertThat(norm(first)).isCloseTo(1.0, within(1e-5));
        }
        Map<String, Integer> cohere = Map.of("embed-english-v3.0", 1024, "embed-english-light-v3.0", 384,
                "embed-multilingual-v3.0", 1024);
        for (var model : cohere.entrySet()) {
            var response = post(simulator.cohereBaseUrl() + "/v2/embed", Map.of("model", model.getKey(),
                    "texts", List.of("hello"), "input_type", "classification"), "Authorization", bearer("co"));
            assertThat(json(response).at("/embeddings/float/0")).hasSize(model.getValue());
        }
        Map<String, Integer> ollama = Map.of("nomic-embed-text", 768, "mxbai-embed-large", 1024);
        for (var model : ollama.entrySet()) {
            var response = post(simulator.ollamaBaseUrl() + "/api/embed", Map.of("model", model.getKey(),
                    "input", "hello"));
            assertThat(json(response).at("/embeddings/0")).hasSize(model.getValue());
        }
    }

    @Test
    void differentTextsAndModelsGetDifferentSyntheticVectors() throws Exception {
        String url = simulator.ollamaBaseUrl() + "/api/embed";
        var a = json(post(url, Map.of("model", "mxbai-embed-large", "input", List.of("a", "b")))).get("embeddings");

        assertThat(a.get(0)).isNotEqualTo(a.get(1));
    }
}
