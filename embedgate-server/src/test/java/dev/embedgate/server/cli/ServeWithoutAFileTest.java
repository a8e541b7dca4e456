package dev.embedgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedgate.provider.ProviderEnvironment;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code embedgate serve} in a process of its own, with gateway keys turned on by {@code --auth} or by
 * {@code EMBEDGATE_AUTH}, and a profile chosen by {@code EMBEDGATE_PROFILE} from a file that refers to variables:
 * what callers and probes get.
 */
class ServeWithoutAFileTest {

    private static final Duration START = Duration.ofMinutes(2);
    private static final String EMBED = "{\"model\": \"all-MiniLM-L6-v2\", \"input\": \"keys on\"}";

    @TempDir
    Path dir;

    @Test
    void serveAuthRequiresKeysLeavesTheProbesOpenAndChallengesCallersWithoutOne() throws Exception {
        Path data = dir.resolve("data");
        try (var server = ServeProcess.start(List.of("--auth", "--data-dir", data.toString()), Map.of(),
                dir.resolve("serve.log")).awaitReady(START)) {
            HttpResponse<String> withoutKey = server.post("/v1/embeddings", EMBED);
            String secret = createKey(data);
            HttpResponse<String> withKey = server.post("/v1/embeddings", EMBED, "Authorization", "Bearer " + secret);

            assertThat(server.get("/ready").statusCode()).isEqualTo(200);
            assertThat(server.get("/health").statusCode()).isEqualTo(200);
            assertThat(withoutKey.statusCode()).isEqualTo(401);
            assertThat(withoutKey.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(withKey.statusCode()).as(withKey.body()).isEqualTo(200);
        }
    }

    @Test
    void embedgateAuthAndEmbedgateProfileTurnKeysOnAndChooseTheProfileWhoseVariablesAreExpanded() throws Exception {
        Path config = Files.writeString(dir.resolve("embedgate.yaml"), """
                server: {host: "${BIND_HOST}"}
                profiles:
                  bge:
                    models: {default: "${DEFAULT_MODEL:-bge-small-en-v1.5}"}
                """);
        try (var server = ServeProcess.start(List.of("--config", config.toString(), "--data-dir",
                        dir.resolve("data").toString()), Map.of("EMBEDGATE_AUTH", "true", "EMBEDGATE_PROFILE", "bge",
                        "BIND_HOST", "127.0.0.1"),
                dir.resolve("serve.log")).awaitReady(START)) {
            HttpResponse<String> ready = server.get("/ready");
            HttpResponse<String> withoutKey = server.get("/v1/models");

            assertThat(new ObjectMapper().readTree(ready.body()).path("default_model").asText())
                    .isEqualTo("BAAI/bge-small-en-v1.5");
            assertThat(withoutKey.statusCode()).isEqualTo(401);
            assertThat(withoutKey.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        }
    }

    /** {@code keys create} beside the running server, as its operator would: with keys on in its environment. */
    private static String createKey(Path data) throws IOException {
        var out = new StringWriter();
        var err = new StringWriter();
        CommandLine commandLine = EmbedGateCli.commandLine(new ProviderEnvironment(Map.of("EMBEDGATE_AUTH", "true")));
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        assertThat(commandLine.execute("keys", "create", "--data-dir", data.toString(), "--name", "caller"))
                .as(err.toString()).isZero();
        assertThat(err.toString()).as("keys are on: no warning").isEmpty();
        return out.toString().lines().filter(line -> line.startsWith("secret:")).findFirst().orElseThrow()
                .substring("secret:".length()).strip();
    }
}
