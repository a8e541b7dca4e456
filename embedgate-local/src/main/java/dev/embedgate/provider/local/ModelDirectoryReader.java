package dev.embedgate.provider.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedgate.space.EmbeddingSpace;
import dev.embedgate.space.Pooling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads a sentence-transformers ONNX export from a directory: {@code model.onnx} (or {@code onnx/model.onnx}),
 * {@code tokenizer.json}, and the model's own sentence-transformers configuration for pooling
 * ({@code 1_Pooling/config.json}), normalisation ({@code modules.json}), length
 * ({@code sentence_bert_config.json}) and prompts ({@code config_sentence_transformers.json}). A file
 * {@code embedgate-model.json} may set or override any of {@code pooling} (mean|cls), {@code normalize},
 * {@code maxTokens}, {@code dimensions}, {@code queryPrefix}, {@code documentPrefix}, {@code revision} and
 * {@code batchable} (false for int8 graphs whose outputs depend on batch companions).
 */
public final class ModelDirectoryReader {

    public static final String OVERRIDES_FILE = "embedgate-model.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelDirectoryReader() {
    }

    public static LocalModelSpec read(String name, List<String> aliases, Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IOException("model directory " + directory + " does not exist");
        }
        Path onnx = firstExisting(directory, "model.onnx", "onnx/model.onnx");
        Path tokenizer = firstExisting(directory, "tokenizer.json");
        JsonNode overrides = readJson(directory.resolve(OVERRIDES_FILE));
        JsonNode pooling = readJson(directory.resolve("1_Pooling/config.json"));
        JsonNode bert = readJson(directory.resolve("sentence_bert_config.json"));
        JsonNode prompts = readJson(directory.resolve("config_sentence_transformers.json")).path("prompts");
        JsonNode hf = readJson(directory.resolve("config.json"));

        var space = new EmbeddingSpace(
                name,
                overrides.path("revision").asText("local-dir"),
                overrides.path("dimensions").asInt(pooling.path("word_embedding_dimension").asInt(hf.path("hidden_size").asInt(0))),
                pooling(overrides, pooling, directory),
                overrides.path("normalize").asBoolean(declaresNormalize(directory)),
                overrides.path("maxTokens").asInt(bert.path("max_seq_length").asInt(hf.path("max_position_embeddings").asInt(512))),
                overrides.path("queryPrefix").asText(prompts.path("query").asText("")),
                overrides.path("documentPrefix").asText(prompts.path("document").asText(prompts.path("passage").asText(""))));
        if (space.dimensions() <= 0) {
            throw new IOException("cannot tell the dimensions of the model in " + directory + ": set \"dimensions\" in "
                    + OVERRIDES_FILE);
        }
        boolean batchable = overrides.path("batchable").asBoolean(!onnx.getFileName().toString().contains("quantized"));
        return new LocalModelSpec(name, aliases, space, new DirectoryModelSource(onnx, tokenizer), batchable);
    }

    private static Pooling pooling(JsonNode overrides, JsonNode pooling, Path directory) throws IOException {
        if (overrides.hasNonNull("pooling")) {
            try {
                return Pooling.valueOf(overrides.get("pooling").asText().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IOException("\"pooling\" in " + directory.resolve(OVERRIDES_FILE) + " must be mean or cls");
            }
        }
        if (pooling.path("pooling_mode_cls_token").asBoolean(false)) {
            return Pooling.CLS;
        }
        if (pooling.path("pooling_mode_mean_tokens").asBoolean(false)) {
            return Pooling.MEAN;
        }
        throw new IOException("cannot tell how the model in " + directory + " pools its tokens: add its "
                + "1_Pooling/config.json, or set \"pooling\": \"mean\" or \"cls\" in " + OVERRIDES_FILE);
    }

    private static boolean declaresNormalize(Path directory) throws IOException {
        for (JsonNode module : readJson(directory.resolve("modules.json"))) {
            if (module.path("type").asText().endsWith(".Normalize")) {
                return true;
            }
        }
        return false;
    }

    static Path firstExisting(Path directory, String... candidates) throws IOException {
        for (String candidate : candidates) {
            Path path = directory.resolve(candidate);
            if (Files.isRegularFile(path)) {
                return path;
            }
        }
        throw new IOException("model directory " + directory + " has none of " + String.join(", ", candidates));
    }

    static JsonNode readJson(Path file) throws IOException {
        return Files.isRegularFile(file) ? JSON.readTree(file.toFile()) : JSON.missingNode();
    }
}
