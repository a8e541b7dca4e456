package dev.embedgate.provider.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.provider.ProviderRequest;
import dev.embedgate.space.InputType;
import dev.embedgate.space.Vectors;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On this machine, the built-in all-MiniLM-L6-v2 models cut at 128 tokens give what LangChain4j's own in-process
 * models give for the same weights (same CPU, so int8 kernels match too).
 */
class LangChain4jParityTest {

    private static final double SAME_MODEL = 0.99999;

    private static List<String> texts;

    @BeforeAll
    static void pickTexts() {
        texts = TestModels.corpusTexts(1, 128, 100);
    }

    @Test
    void fp32MinilmAgreesWithLangChain4j() {
        assertParity(BuiltInModels.MINILM, new AllMiniLmL6V2EmbeddingModel());
    }

    @Test
    void int8MinilmAgreesWithLangChain4jOnTheSameCpu() {
        assertParity(BuiltInModels.MINILM_INT8, new AllMiniLmL6V2QuantizedEmbeddingModel());
    }

    private static void assertParity(String model, EmbeddingModel langChain4j) {
        List<Embedding> theirs = langChain4j.embedAll(texts.stream().map(TextSegment::from).toList()).content();
        LocalModelSpec spec = TestModels.spec(model).withMaxTokens(128);
        try (var provider = new LocalOnnxProvider(spec, InferenceSettings.defaults(spec.batchable(), 2))) {
            List<float[]> ours = provider.embed(new ProviderRequest(texts, InputType.DOCUMENT, true)).vectors();

            assertThat(ours).hasSameSizeAs(theirs);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(Vectors.cosine(ours.get(i), theirs.get(i).vector()))
                        .as("cosine to LangChain4j for text %d (%d tokens)", i, TestModels.tokenCount(texts.get(i)))
                        .isGreaterThanOrEqualTo(SAME_MODEL);
            }
        }
    }
}
