package dev.embedgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedgate.provider.ProviderEnvironment;
import dev.embedgate.server.api.TestServer;
import dev.embedgate.server.config.ConfigLoader;
import dev.embedgate.server.config.GatewayConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code embedgate migrate plan|run|status|verify|cutover|rollback|drop-space} against a real gateway on loopback
 * (the embedded default store): a whole migration from all-MiniLM-L6-v2 to bge-small driven from the command line.
 */
class MigrateCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void aMigrationIsPlannedRunVerifiedCutOverRolledBackAndItsOldSpaceDroppedFromTheCommandLine() throws Exception {
        try (var server = new TestServer(config(), Map.of())) {
            String url = server.baseUrl();
            var body = new StringBuilder("{\"namespace\": \"cli\", \"memories\": [");
            for (int i = 0; i < 60; i++) {
                body.append(i == 0 ? "" : ",").append("{\"id\": \"n").append(i).append("\", \"content\": \"note ")
                        .append(i).append(i % 2 == 0 ? " about the weekly backup schedule\"}" : " about lunch menus\"}");
            }
            assertThat(server.post("/v1/memories", body.append("]}").toString()).statusCode()).isEqualTo(200);

            assertThat(run("migrate", "plan", "--to", "bge-small-en-v1.5", "--namespace", "cli", "--url", url)).isZero();
            String plan = out.toString();
            assertThat(run("migrate", "run", "--to", "bge-small-en-v1.5", "--namespace", "cli", "--dry-run",
                    "--url", url)).isZero();
            String dryRun = out.toString();
            assertThat(run("migrate", "status", "--url", url)).isZero();
            String noneYet = out.toString();

            assertThat(run("migrate", "run", "--to", "bge-small-en-v1.5", "--namespace", "cli", "--batch-size", "8",
                    "--url", url)).as(err.toString()).isZero();
            String id = out.toString().lines().findFirst().orElseThrow();
            String ran = out.toString();
            String bar = err.toString();
            assertThat(run("migrate", "status", id, "--json", "--url", url)).isZero();
            JsonNode status = JSON.readTree(out.toString());
            assertThat(run("migrate", "verify", id, "--sample", "10", "-k", "3", "--url", url)).isZero();
            String verified = out.toString();
            Path queries = Files.writeString(dir.resolve("queries.txt"), "when is the backup\n\nwhat is for lunch\n");
            assertThat(run("migrate", "verify", id, "--queries", queries.toString(), "--json", "--url", url)).isZero();
            JsonNode byQueries = JSON.readTree(out.toString());
            assertThat(run("migrate", "cutover", id, "--url", url)).isZero();
            String cut = out.toString();
            int dropActive = run("migrate", "drop-space", status.at("/target_space").asText(), "--url", url);
            String dropActiveError = err.toString();
            assertThat(run("migrate", "rollback", id, "--url", url)).isZero();
            assertThat(run("migrate", "cutover", id, "--url", url)).isZero();
            String oldSpace = JSON.readTree(server.get("/v1/migrations/" + id).body()).at("/previous_spaces/cli").asText();
            assertThat(run("migrate", "drop-space", oldSpace, "--url", url)).isZero();
            String dropped = out.toString();

            assertThat(plan).contains("60 in scope, 60 to embed").contains("BAAI/bge-small-en-v1.5@")
                    .contains("duration:").contains("measured on this instance");
            assertThat(dryRun).contains("60 to embed");
            assertThat(noneYet).contains("no migrations");
            assertThat(ran).contains(id + "  backfilled").contains("60/60 (100.0%)");
            assertThat(bar).contains(id).contains("memories");
            assertThat(status.at("/status").asText()).isEqualTo("backfilled");
            assertThat(verified).contains("overlap@3: mean").contains("over 10 queries").contains("OLD").contains("NEW");
            assertThat(byQueries.get("queries").asInt()).isEqualTo(2);
            assertThat(cut).contains("cut_over").contains("rollback:   cli -> sentence-transformers/all-MiniLM-L6-v2@");
            assertThat(dropActive).isNotZero();
            assertThat(dropActiveError).contains("active");
            assertThat(dropped).contains("dropped " + oldSpace + ": 60 vectors");
            JsonNode finished = JSON.readTree(server.get("/v1/migrations/" + id).body());
            assertThat(finished.get("status").asText()).isEqualTo("finished");
        }
    }

    @Test
    void runWithoutATargetOrWithAnUnknownOneSaysWhatIsWrong() throws Exception {
        try (var server = new TestServer(config(), Map.of())) {
            int missing = run("migrate", "run", "--url", server.baseUrl());
            String missingError = err.toString();
            int unknown = run("migrate", "run", "--to", "no-such-model", "--url", server.baseUrl());
            String unknownError = err.toString();
            int badShare = run("migrate", "plan", "--to", "bge-small-en-v1.5", "--max-rate-share", "2", "--url",
                    server.baseUrl());

            assertThat(missing).isNotZero();
            assertThat(missingError).contains("--to");
            assertThat(unknown).isNotZero();
            assertThat(unknownError).contains("no-such-model");
            assertThat(badShare).isNotZero();
            assertThat(err.toString()).contains("max_rate_share");
            assertThat(List.of(missing, unknown, badShare)).doesNotContain(0);
        }
    }

    @Test
    void anIdIsSentWholeNeverAsAnotherRouteOrQuery() throws Exception {
        try (var server = new TestServer(config(), Map.of())) {
            int query = run("migrate", "pause", "mig_x/cutover?", "--url", server.baseUrl());
            String queryError = err.toString();
            int fragment = run("migrate", "status", "mig_x#y", "--url", server.baseUrl());
            String fragmentError = err.toString();
            int space = run("migrate", "verify", "mig x", "--url", server.baseUrl());
            String spaceError = err.toString();

            assertThat(List.of(query, fragment, space)).doesNotContain(0);
            assertThat(queryError).contains("/v1/migrations/mig_x%2Fcutover%3F/pause answered 404")
                    .contains("no migration mig_x/cutover?");
            assertThat(fragmentError).contains("no migration mig_x#y");
            assertThat(spaceError).contains("no migration mig x");
        }
    }

    private GatewayConfig config() throws IOException {
        return ConfigLoader.load(Files.writeString(dir.resolve("embedgate.yaml"), """
                server: {host: 127.0.0.1, port: 0}
                memory: {migrations: {poll: 100ms}}
                """)).withDataDir(dir.resolve("data"));
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine commandLine = EmbedGateCli.commandLine(new ProviderEnvironment(Map.of()));
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }
}
