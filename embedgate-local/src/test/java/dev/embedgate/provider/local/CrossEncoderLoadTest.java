package dev.embedgate.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cross-encoder directory that cannot serve fails at {@link LocalCrossEncoder#open}, saying where and what. */
class CrossEncoderLoadTest {

    @TempDir
    Path temp;

    @Test
    void aMissingFileIsNamedWithItsDirectory() throws IOException {
        for (String file : new String[] {"model.onnx", "tokenizer.json", "config.json"}) {
            Path directory = tiny();
            Files.delete(directory.resolve(file));

            assertThatThrownBy(() -> open(directory)).isInstanceOf(IOException.class)
                    .hasMessageContaining(directory.toString()).hasMessageContaining(file);
        }
        assertThatThrownBy(() -> open(temp.resolve("absent"))).isInstanceOf(IOException.class)
                .hasMessageContaining(temp.resolve("absent") + " does not exist");
    }

    @Test
    void aGraphUnderOnnxSlashModelLoads() throws IOException {
        Path directory = tiny();
        Files.createDirectory(directory.resolve("onnx"));
        Files.move(directory.resolve("model.onnx"), directory.resolve("onnx/model.onnx"));

        try (var encoder = open(directory)) {
            assertThat(encoder.ready()).isTrue();
        }
    }

    @Test
    void aGraphWithoutAnAttentionMaskInputIsRefused() throws IOException {
        Path directory = TinyCrossEncoders.directory(temp, TinyCrossEncoders.withoutAttentionMask(), TinyCrossEncoders.CONFIG);

        assertThatThrownBy(() -> open(directory)).isInstanceOf(IOException.class)
                .hasMessageContaining(directory.toString()).hasMessageContaining("no input 'attention_mask'");
    }

    /** The bundled all-MiniLM-L6-v2 graph: an embedding model's last_hidden_state [batch, sequence, 384]. */
    @Test
    void anEmbeddingModelsGraphIsRefusedAsNotACrossEncoder() throws IOException {
        Path directory = tiny();
        Files.delete(directory.resolve("model.onnx"));
        Files.createSymbolicLink(directory.resolve("model.onnx"), TestModels.spec(BuiltInModels.MINILM).source().onnxFile());

        assertThatThrownBy(() -> open(directory)).isInstanceOf(IOException.class)
                .hasMessageContaining(directory.toString()).hasMessageContaining("float logits [batch, labels]")
                .hasMessageContaining("embedding model");
    }

    @Test
    void labelsOfTheConfigAndTheGraphMustAgreeAndBeOneOrTwo() throws IOException {
        Path twoInConfig = TinyCrossEncoders.directory(temp, TinyCrossEncoders.countingDocumentTokens(1, 0),
                TinyCrossEncoders.TWO_LABEL_CONFIG);
        assertThatThrownBy(() -> open(twoInConfig)).isInstanceOf(IOException.class)
                .hasMessageContaining("answers 1 labels but its config.json declares 2");

        Path three = TinyCrossEncoders.directory(temp, TinyCrossEncoders.countingDocumentTokens(1, 0), """
                {"num_labels": 3}""");
        assertThatThrownBy(() -> open(three)).isInstanceOf(IOException.class).hasMessageContaining("3 labels");
    }

    @Test
    void aLengthBeyondTheModelsIsRefusedAndAShorterOneKept() throws IOException {
        Path directory = tiny();

        assertThatThrownBy(() -> LocalCrossEncoder.open(directory, "tiny", CrossEncoderOptions.defaults().withMaxLength(1024)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("512");
        try (var encoder = LocalCrossEncoder.open(directory, "tiny", CrossEncoderOptions.defaults().withMaxLength(128))) {
            assertThat(encoder.maxLength()).isEqualTo(128);
        }
        Files.writeString(directory.resolve("tokenizer_config.json"), """
                {"model_max_length": 256}""");
        try (var encoder = open(directory)) {
            assertThat(encoder.maxLength()).isEqualTo(256);
        }
    }

    private Path tiny() throws IOException {
        return TinyCrossEncoders.directory(temp, TinyCrossEncoders.countingDocumentTokens(1, 0), TinyCrossEncoders.CONFIG);
    }

    private static LocalCrossEncoder open(Path directory) throws IOException {
        return LocalCrossEncoder.open(directory, "tiny", CrossEncoderOptions.defaults());
    }
}
