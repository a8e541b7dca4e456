package dev.embedgate.provider.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A cross-encoder's files in a directory: {@code model.onnx} (or {@code onnx/model.onnx}), {@code tokenizer.json} and
 * the Hugging Face {@code config.json}.
 *
 * @param directory    where they are, for messages
 * @param labels       the classifier's labels from {@code id2label} (else {@code num_labels}); 0 when the config
 *                     says neither, and the graph's output must tell
 * @param maxPositions most tokens the model reads: {@code max_position_embeddings} (less RoBERTa's two padding
 *                     offsets), capped by {@code tokenizer_config.json}'s {@code model_max_length}; 512 if unsaid
 */
record CrossEncoderDirectory(Path directory, Path onnxFile, Path tokenizerFile, int labels, int maxPositions) {

    static final int DEFAULT_MAX_POSITIONS = 512;

    static CrossEncoderDirectory read(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IOException("cross-encoder directory " + directory + " does not exist");
        }
        Path onnx = ModelDirectoryReader.firstExisting(directory, "model.onnx", "onnx/model.onnx");
        Path tokenizer = ModelDirectoryReader.firstExisting(directory, "tokenizer.json");
        Path configFile = ModelDirectoryReader.firstExisting(directory, "config.json");
        JsonNode config = ModelDirectoryReader.readJson(configFile);
        int labels = config.path("id2label").size() > 0 ? config.path("id2label").size()
                : config.path("num_labels").asInt(0);
        if (labels > 2) {
            throw new IOException(configFile + " declares " + labels + " labels; a cross-encoder scores with 1 (a "
                    + "relevance logit) or 2 (not relevant, relevant)");
        }
        int positions = config.path("max_position_embeddings").asInt(DEFAULT_MAX_POSITIONS);
        if (config.path("model_type").asText().contains("roberta")) {
            // RoBERTa's position ids start after the padding index, so two positions are never used by tokens.
            positions -= 2;
        }
        long tokenizerLimit = ModelDirectoryReader.readJson(directory.resolve("tokenizer_config.json"))
                .path("model_max_length").asLong(Long.MAX_VALUE);
        return new CrossEncoderDirectory(directory, onnx, tokenizer, labels, (int) Math.min(positions, tokenizerLimit));
    }
}
