package dev.embedgate.provider.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.provider.ProviderRequest;
import dev.embedgate.space.InputType;
import dev.embedgate.space.Vectors;
import dev.embedgate.testdata.SharedData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The built-in models reproduce the reference vectors in ../shared/data/reference (LangChain4j's in-process
 * models, one text per call) for every text that fits in the length the reference was made at.
 */
class ReferenceVectorsTest {

    private static final Map<String, String> CORPUS = SharedData.corpus();
    private static final double SAME_MODEL = 0.99999;
    private static final double INT8_ACROSS_CPUS = 0.995;

    @Test
    void minilmFp32MatchesReferenceForTextsUpTo128Tokens() {
        assertMatchesReference(BuiltInModels.MINILM, "lc4j-minilm.jsonl", 128, 128, SAME_MODEL);
    }

    @Test
    void minilmFp32AtItsOwn256TokenLimitStillMatchesForShortTexts() {
        assertMatchesReference(BuiltInModels.MINILM, "lc4j-minilm.jsonl", 128, 256, SAME_MODEL);
    }

    // The int8 references cannot be met to 0.99999 on every CPU: ONNX Runtime's int8 matrix kernels differ by
    // instruction set (LangChain4j itself scores 0.9983 against them on this machine's AVX-512 VNNI). Parity
    // with LangChain4j on the same CPU is asserted to 0.99999 in LangChain4jParityTest; here they must agree
    // as the same model does across CPUs.
    @Test
    void minilmInt8AgreesWithReferenceAcrossCpus() {
        assertMatchesReference(BuiltInModels.MINILM_INT8, "lc4j-minilm-q.jsonl", 128, 128, INT8_ACROSS_CPUS);
    }

    @Test
    void bgeInt8AgreesWithReferenceAcrossCpusForDocumentsUpTo512Tokens() {
        assertMatchesReference(BuiltInModels.BGE_SMALL_INT8, "lc4j-bge-q.jsonl", 512, 512, INT8_ACROSS_CPUS);
    }

    private static void assertMatchesReference(String model, String referenceFile, int referenceLimit, int maxTokens,
                                               double minCosine) {
        Map<String, float[]> reference = SharedData.reference(referenceFile);
        LocalModelSpec spec = TestModels.spec(model).withMaxTokens(maxTokens);
        try (var provider = new LocalOnnxProvider(spec, InferenceSettings.defaults(spec.batchable(), 2))) {
            List<String> ids = new ArrayList<>(reference.keySet());
            List<String> texts = ids.stream().map(CORPUS::get).toList();
            var response = provider.embed(new ProviderRequest(texts, InputType.DOCUMENT, true));
            int compared = 0;
            for (int i = 0; i < ids.size(); i++) {
                // The MiniLM references were cut at 128 tokens; they are the model's true output only below that.
                if (TestModels.tokenCount(texts.get(i)) > Math.min(maxTokens, referenceLimit)) {
                    continue;
                }
                double cosine = Vectors.cosine(response.vectors().get(i), reference.get(ids.get(i)));
                assertThat(cosine).as("cosine to reference for %s", ids.get(i)).isGreaterThanOrEqualTo(minCosine);
                compared++;
            }
            assertThat(compared).as("texts compared").isGreaterThan(200);
        }
    }
}
