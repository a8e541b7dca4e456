package dev.embedgate.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.embedgate.provider.ProviderRequest;
import dev.embedgate.space.InputType;
import dev.embedgate.space.Vectors;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Queries get the model's retrieval instruction in front (bge); documents, and models without one, do not. */
class QueryPrefixTest {

    private static final float TOLERANCE = 1e-6f;

    private static LocalOnnxProvider bge;
    private static LocalOnnxProvider minilm;
    private static List<String> texts;

    @BeforeAll
    static void loadModels() {
        bge = provider(BuiltInModels.BGE_SMALL);
        minilm = provider(BuiltInModels.MINILM);
        texts = List.of("how do I compress a folder into a tar archive?",
                TestModels.corpusTexts(20, 60, 1).getFirst(),
                TestModels.corpusTexts(100, 200, 1).getFirst());
    }

    @AfterAll
    static void closeModels() {
        bge.close();
        minilm.close();
    }

    @Test
    void bgeEmbedsAQueryDifferentlyFromTheSameTextAsADocument() {
        List<float[]> queries = embed(bge, texts, InputType.QUERY);
        List<float[]> documents = embed(bge, texts, InputType.DOCUMENT);

        for (int i = 0; i < texts.size(); i++) {
            assertThat(Vectors.cosine(queries.get(i), documents.get(i))).as("text %d", i).isLessThan(0.999);
        }
    }

    @Test
    void bgeQueryIsTheDocumentEmbeddingOfInstructionPlusText() {
        List<String> instructed = texts.stream().map(BuiltInModels.BGE_QUERY_INSTRUCTION::concat).toList();

        List<float[]> queries = embed(bge, texts, InputType.QUERY);
        List<float[]> documents = embed(bge, instructed, InputType.DOCUMENT);

        for (int i = 0; i < texts.size(); i++) {
            assertThat(queries.get(i)).as("text %d", i).containsExactly(documents.get(i), within(TOLERANCE));
        }
    }

    @Test
    void minilmHasNoQueryPrefixSoQueriesEqualDocuments() {
        assertThat(minilm.space().queryPrefix()).isEmpty();

        List<float[]> queries = embed(minilm, texts, InputType.QUERY);
        List<float[]> documents = embed(minilm, texts, InputType.DOCUMENT);

        for (int i = 0; i < texts.size(); i++) {
            assertThat(queries.get(i)).as("text %d", i).containsExactly(documents.get(i), within(TOLERANCE));
        }
    }

    private static LocalOnnxProvider provider(String model) {
        LocalModelSpec spec = TestModels.spec(model);
        return new LocalOnnxProvider(spec, InferenceSettings.defaults(spec.batchable(), 2));
    }

    private static List<float[]> embed(LocalOnnxProvider provider, List<String> texts, InputType type) {
        return provider.embed(new ProviderRequest(texts, type, true)).vectors();
    }
}
