package dev.embedgate.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.embedgate.provider.ProviderRequest;
import dev.embedgate.space.InputType;
import dev.embedgate.space.Pooling;
import dev.embedgate.space.Vectors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sentence-transformers export in a directory is read with the pooling, normalisation and length its own
 * configuration declares, and embedgate-model.json overrides them.
 */
class ModelDirectoryTest {

    private static final String NAME = "test/all-MiniLM-L6-v2-from-dir";

    private static LocalModelSpec builtIn;
    private static LocalOnnxProvider builtInProvider;
    private static List<String> texts;

    @TempDir
    Path directory;

    @BeforeAll
    static void loadBuiltInModel() {
        builtIn = TestModels.spec(BuiltInModels.MINILM);
        builtInProvider = new LocalOnnxProvider(builtIn, InferenceSettings.defaults(true, 2));
        texts = List.of(TestModels.corpusTexts(10, 40, 1).getFirst(), TestModels.corpusTexts(150, 250, 1).getFirst());
    }

    @AfterAll
    static void closeBuiltInModel() {
        builtInProvider.close();
    }

    @Test
    void sentenceTransformersExportEmbedsLikeTheBuiltInModel() throws IOException {
        writeModelFiles();
        writeSentenceTransformersConfig();

        LocalModelSpec spec = ModelDirectoryReader.read(NAME, List.of("dir-minilm"), directory);

        assertThat(spec.space().dimensions()).isEqualTo(384);
        assertThat(spec.space().pooling()).isEqualTo(Pooling.MEAN);
        assertThat(spec.space().normalized()).isTrue();
        assertThat(spec.space().maxTokens()).isEqualTo(256);
        assertThat(spec.batchable()).isTrue();
        List<float[]> fromDirectory = embed(spec);
        List<float[]> fromBuiltIn = embed(builtInProvider);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(fromDirectory.get(i)).as("text %d", i).containsExactly(fromBuiltIn.get(i), within(1e-6f));
        }
    }

    @Test
    void directoryWithoutPoolingConfigIsRefusedNamingWhatToAdd() throws IOException {
        writeModelFiles();

        var refused = catchThrowableOfType(IOException.class, () -> ModelDirectoryReader.read(NAME, List.of(), directory));

        assertThat(refused).hasMessageContaining("1_Pooling/config.json").hasMessageContaining("embedgate-model.json");
    }

    @Test
    void embedgateModelJsonOverridesTheDeclaredPooling() throws IOException {
        writeModelFiles();
        writeSentenceTransformersConfig();
        Files.writeString(directory.resolve(ModelDirectoryReader.OVERRIDES_FILE), """
                {"pooling": "cls"}
                """);

        LocalModelSpec spec = ModelDirectoryReader.read(NAME, List.of(), directory);

        assertThat(spec.space().pooling()).isEqualTo(Pooling.CLS);
        List<float[]> cls = embed(spec);
        List<float[]> mean = embed(builtInProvider);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(Vectors.cosine(cls.get(i), mean.get(i))).as("text %d", i).isLessThan(0.99);
        }
    }

    private void writeModelFiles() throws IOException {
        Path onnx = builtIn.source().onnxFile();
        try {
            // A hard link avoids copying 90 MB; JUnit cleans up after it (it warns about symbolic links).
            Files.createLink(directory.resolve("model.onnx"), onnx);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(onnx, directory.resolve("model.onnx"));
        }
        try (InputStream tokenizer = builtIn.source().openTokenizerJson()) {
            Files.copy(tokenizer, directory.resolve("tokenizer.json"));
        }
    }

    private void writeSentenceTransformersConfig() throws IOException {
        Files.createDirectories(directory.resolve("1_Pooling"));
        Files.writeString(directory.resolve("1_Pooling/config.json"), """
                {"word_embedding_dimension": 384, "pooling_mode_cls_token": false, "pooling_mode_mean_tokens": true,
                 "pooling_mode_max_tokens": false, "pooling_mode_mean_sqrt_len_tokens": false}
                """);
        Files.writeString(directory.resolve("modules.json"), """
                [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
                 {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
                 {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"}]
                """);
        Files.writeString(directory.resolve("sentence_bert_config.json"), """
                {"max_seq_length": 256, "do_lower_case": false}
                """);
    }

    private static List<float[]> embed(LocalModelSpec spec) {
        try (var provider = new LocalOnnxProvider(spec, InferenceSettings.defaults(spec.batchable(), 2))) {
            return embed(provider);
        }
    }

    private static List<float[]> embed(LocalOnnxProvider provider) {
        return provider.embed(new ProviderRequest(texts, InputType.DOCUMENT, true)).vectors();
    }
}
