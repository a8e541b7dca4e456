package dev.embedgate.provider.huggingface;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where feature extraction is posted for each form a Hugging Face URL is set in. */
class HuggingFaceUrlsTest {

    private static final String MINILM = "sentence-transformers/all-MiniLM-L6-v2";
    private static final String BGE = "BAAI/bge-small-en-v1.5";

    @Test
    void theRouterTakesThePipelinePath() {
        assertThat(post("https://router.huggingface.co", BGE)).isEqualTo(
                "https://router.huggingface.co/hf-inference/models/BAAI/bge-small-en-v1.5/pipeline/feature-extraction");
        assertThat(post("http://127.0.0.1:9000/hf", MINILM)).isEqualTo("http://127.0.0.1:9000/hf/hf-inference/models/"
                + MINILM + "/pipeline/feature-extraction");
    }

    @Test
    void theLegacyApiTakesTheModelsPathOnItsHostOrUnderABaseEndingInModels() {
        assertThat(post("https://api-inference.huggingface.co", BGE))
                .isEqualTo("https://api-inference.huggingface.co/models/BAAI/bge-small-en-v1.5");
        assertThat(post("https://api-inference.huggingface.co/models", BGE))
                .isEqualTo("https://api-inference.huggingface.co/models/BAAI/bge-small-en-v1.5");
    }

    @Test
    void aUrlNamingAModelKeepsItsApiAndEveryModelIsPostedUnderIt() {
        String legacy = "https://api-inference.huggingface.co/models/" + MINILM;
        String simulatedLegacy = "http://127.0.0.1:9000/hf/models/" + MINILM;
        String router = "https://router.huggingface.co/hf-inference/models/" + MINILM + "/pipeline/feature-extraction";

        assertThat(post(legacy, MINILM)).isEqualTo(legacy);
        assertThat(post(legacy, BGE)).isEqualTo("https://api-inference.huggingface.co/models/" + BGE);
        assertThat(post(simulatedLegacy, BGE)).isEqualTo("http://127.0.0.1:9000/hf/models/" + BGE);
        assertThat(post(router, BGE)).isEqualTo("https://router.huggingface.co/hf-inference/models/" + BGE
                + "/pipeline/feature-extraction");
    }

    @Test
    void theModelAUrlNamesIsReadWithOrWithoutAnOwner() {
        assertThat(HuggingFaceUrls.named(URI.create("https://api-inference.huggingface.co/models/" + MINILM)))
                .isEqualTo(new HuggingFaceUrls.Named(URI.create("https://api-inference.huggingface.co/models"),
                        Optional.of(MINILM)));
        assertThat(HuggingFaceUrls.named(URI.create("https://api-inference.huggingface.co/models/gpt2")).model())
                .hasValue("gpt2");
        assertThat(HuggingFaceUrls.named(URI.create("https://router.huggingface.co/hf-inference/models/" + BGE)))
                .isEqualTo(new HuggingFaceUrls.Named(URI.create("https://router.huggingface.co"), Optional.of(BGE)));
        assertThat(HuggingFaceUrls.named(URI.create("https://router.huggingface.co")).model()).isEmpty();
    }

    private static String post(String baseUrl, String model) {
        return HuggingFaceUrls.featureExtraction(URI.create(baseUrl), model).toString();
    }

    @Test
    void chatGoesToTheRoutersOpenAiCompatiblePathWhateverModelTheUrlNames() {
        String llama = "meta-llama/Llama-3.1-8B-Instruct";
        assertThat(HuggingFaceUrls.chatCompletions(URI.create("https://router.huggingface.co"), llama))
                .hasToString("https://router.huggingface.co/v1/chat/completions");
        assertThat(HuggingFaceUrls.chatCompletions(URI.create("https://router.huggingface.co/hf-inference/models/" + MINILM
                + "/pipeline/feature-extraction"), llama)).hasToString("https://router.huggingface.co/v1/chat/completions");
        assertThat(HuggingFaceUrls.chatCompletions(URI.create("https://api-inference.huggingface.co"), llama))
                .hasToString("https://api-inference.huggingface.co/models/" + llama + "/v1/chat/completions");
    }
}
