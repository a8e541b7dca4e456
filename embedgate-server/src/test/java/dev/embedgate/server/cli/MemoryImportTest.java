package dev.embedgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedgate.provider.ProviderEnvironment;
import dev.embedgate.server.api.TestServer;
import dev.embedgate.server.config.GatewayConfig;
import dev.embedgate.testdata.SharedData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code embedgate memories import}: a JSON Lines file of real texts (the shared corpus) into a running gateway, every
 * good line stored exactly once, bad lines skipped, and an import the gateway stopped taking resumed where it stopped
 * (through a proxy that turns batches away), unless the file changed.
 */
class MemoryImportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LINES = 240;
    private static List<Map.Entry<String, String>> corpus;
    private static TestServer server;
    private static GatewayProxy proxy;

    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void start() throws IOException {
        corpus = List.copyOf(SharedData.corpus().entrySet()).subList(0, LINES);
        server = new TestServer(new GatewayConfig(new GatewayConfig.Server("127.0.0.1", 0, null), null, null), Map.of());
        proxy = new GatewayProxy(server.baseUrl());
    }

    @AfterAll
    static void stop() {
        proxy.close();
        server.close();
    }

    @Test
    void everyGoodLineIsStoredOnceBadLinesAreReportedAndSkippedAndAReimportAddsNothing() throws IOException {
        String repeatedId = "pkg-" + corpus.get(139).getKey();
        Path file = fixture(Map.of(37, "this line is not JSON", 120, "{\"text\": \"no content field\"}",
                121, "", 150, "{\"id\": \"" + repeatedId + "\", \"content\": \"a later line with the same id\"}",
                200, "[\"an array\"]"));

        int first = run("memories", "import", file.toString(), "--url", server.baseUrl(), "--namespace", "once",
                "--batch-size", "50");
        String firstOut = out.toString();
        String firstErr = err.toString();
        long afterFirst = memories("once");
        int again = run("memories", "import", file.toString(), "--url", server.baseUrl(), "--namespace", "once");

        assertThat(first).as(firstErr).isZero();
        assertThat(firstOut).contains("imported corpus.jsonl: 235 memories saved, 3 bad lines skipped, 240 lines");
        assertThat(firstErr).contains("line 37: not JSON").contains("line 120: no \"content\" string")
                .contains("line 200: not a JSON object").doesNotContain("line 121")
                .contains("240/240 lines 100%");
        assertThat(afterFirst).as("line 150 replaced line 140, as one save after the other would").isEqualTo(235);
        assertThat(TestServer.json(server.get("/v1/memories/" + repeatedId + "?namespace=once")).get("content")
                .asText()).isEqualTo("a later line with the same id");
        assertThat(again).isZero();
        assertThat(memories("once")).as("the same lines got the same ids").isEqualTo(235);
        assertThat(Files.exists(checkpoint(file))).as("a finished import leaves no checkpoint").isFalse();
        JsonNode withId = TestServer.json(server.get("/v1/memories/pkg-" + corpus.get(9).getKey() + "?namespace=once"));
        assertThat(withId.get("content").asText()).isEqualTo(corpus.get(9).getValue());
        assertThat(withId.at("/metadata/package").asText()).isEqualTo(corpus.get(9).getKey());
    }

    @Test
    void anImportTheGatewayStoppedTakingResumesAfterTheLastAcknowledgedBatch() throws IOException {
        Path file = fixture(Map.of(30, "{broken"));
        proxy.answer(batch -> batch >= 2 ? 503 : 0, null);

        int interrupted = run("memories", "import", file.toString(), "--url", proxy.baseUrl(), "--namespace",
                "resumed", "--batch-size", "50", "--retries", "1");
        String stopped = err.toString();
        long storedWhenStopped = memories("resumed");
        JsonNode checkpoint = JSON.readTree(Files.readAllBytes(checkpoint(file)));
        proxy.answer(batch -> 0, null);
        int resumed = run("memories", "import", file.toString(), "--url", proxy.baseUrl(), "--namespace", "resumed",
                "--batch-size", "50");

        assertThat(interrupted).isEqualTo(2);
        assertThat(stopped).contains("retrying in 1.0 s (retry 1 of 1)")
                .contains("the import stopped at lines 102-151: POST " + proxy.baseUrl() + "/v1/memories answered 503")
                .contains("(tried 2 times). 101 of 240 lines are done (corpus.jsonl.progress); run the same command "
                        + "again to resume");
        assertThat(storedWhenStopped).isEqualTo(100);
        assertThat(checkpoint.get("lines_done").asLong()).isEqualTo(101);
        assertThat(checkpoint.get("saved").asLong()).isEqualTo(100);
        assertThat(checkpoint.get("skipped").asLong()).isEqualTo(1);
        assertThat(resumed).as(err.toString()).isZero();
        assertThat(err.toString()).contains("resuming the import of corpus.jsonl after line 101 (so far: memories "
                + "saved 100, bad lines skipped 1)").contains(" 101/240 lines ").doesNotContain("line 30:");
        assertThat(proxy.memoriesForwarded()).as("the second run sent only the rest").isEqualTo(139);
        assertThat(out.toString()).contains("239 memories saved, 1 bad line skipped, 240 lines")
                .contains("resumed after line 101");
        assertThat(memories("resumed")).isEqualTo(239);
        assertThat(Files.exists(checkpoint(file))).isFalse();
    }

    @Test
    void aFileChangedSinceTheInterruptionIsImportedFromTheStart() throws IOException {
        Path file = fixture(Map.of());
        proxy.answer(batch -> batch >= 1 ? 429 : 0, "0");
        assertThat(run("memories", "import", file.toString(), "--url", proxy.baseUrl(), "--namespace", "changed",
                "--batch-size", "60", "--retries", "2")).isEqualTo(2);
        assertThat(err.toString()).contains("retrying in 0.0 s (retry 2 of 2)").contains("60 of 240 lines are done");
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        ObjectNode edited = (ObjectNode) JSON.readTree(lines.get(9));
        edited.put("content", "an edited memory");
        lines.set(9, JSON.writeValueAsString(edited));
        Files.write(file, lines);
        proxy.answer(batch -> 0, null);

        int restarted = run("memories", "import", file.toString(), "--url", proxy.baseUrl(), "--namespace", "changed",
                "--batch-size", "60");

        assertThat(restarted).as(err.toString()).isZero();
        assertThat(err.toString()).contains("corpus.jsonl changed since the interrupted import (its first 60 lines are "
                + "not those imported): starting over from line 1");
        assertThat(proxy.memoriesForwarded()).isEqualTo(240);
        assertThat(memories("changed")).as("line 10 has an id: replaced, not added").isEqualTo(240);
        assertThat(TestServer.json(server.get("/v1/memories/" + edited.get("id").asText() + "?namespace=changed"))
                .get("content").asText()).isEqualTo("an edited memory");
    }

    @Test
    void aBatchTheGatewayRefusesStopsTheImportNamingTheLineAndTheFixedFileResumes() throws IOException {
        Path file = fixture(Map.of());
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        String good = lines.get(69);
        ObjectNode wrong = (ObjectNode) JSON.readTree(good);
        wrong.put("importance", 7);
        lines.set(69, JSON.writeValueAsString(wrong));
        Files.write(file, lines);

        int refused = run("memories", "import", file.toString(), "--url", server.baseUrl(), "--namespace", "refused",
                "--batch-size", "50");
        String refusal = err.toString();
        lines.set(69, good);
        Files.write(file, lines);
        int resumed = run("memories", "import", file.toString(), "--url", server.baseUrl(), "--namespace", "refused",
                "--batch-size", "50");

        assertThat(refused).isEqualTo(2);
        assertThat(refusal).contains("the gateway refused lines 51-100: POST " + server.baseUrl()
                + "/v1/memories answered 400: ").contains("importance").contains("(line 70). 50 of 240 lines are done")
                .contains("fix the file and run the same command again to resume").doesNotContain("retrying");
        assertThat(resumed).as(err.toString()).isZero();
        assertThat(err.toString()).contains("resuming the import of corpus.jsonl after line 50");
        assertThat(memories("refused")).isEqualTo(240);
    }

    @Test
    void anUnreachableGatewayIsRetriedThenTheImportStopsSayingHowToResume() throws IOException {
        Path file = fixture(Map.of());

        int code = run("memories", "import", file.toString(), "--url", "http://127.0.0.1:9", "--retries", "1");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("lines 1-100: no gateway answers at http://127.0.0.1:9/v1/memories")
                .contains("retrying in 1.0 s (retry 1 of 1)")
                .contains("0 of 240 lines are done; run the same command again to resume");
        assertThat(Files.exists(checkpoint(file))).isFalse();
    }

    @Test
    void importRefusesAMissingFileAndBadOptions() {
        assertThat(run("memories", "import", dir.resolve("none.jsonl").toString(), "--url", server.baseUrl()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("none.jsonl is not a file");
        assertThat(run("memories", "import", dir.toString(), "--url", server.baseUrl(), "--embed", "later"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--embed must be now or background, not 'later'");
        assertThat(run("memories", "import", dir.toString(), "--url", server.baseUrl(), "--batch-size", "0"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--batch-size must be at least 1, was 0");
    }

    /**
     * {@value #LINES} lines of the corpus as memories ({@code content}, {@code metadata.package}; every tenth with an
     * id {@code pkg-<package>}), with the lines (numbered from 1) in {@code replaced} put in place of theirs.
     */
    private Path fixture(Map<Integer, String> replaced) throws IOException {
        var lines = new ArrayList<String>();
        for (int i = 0; i < LINES; i++) {
            int number = i + 1;
            if (replaced.containsKey(number)) {
                lines.add(replaced.get(number));
                continue;
            }
            ObjectNode line = JSON.createObjectNode();
            if (number % 10 == 0) {
                line.put("id", "pkg-" + corpus.get(i).getKey());
            }
            line.put("content", corpus.get(i).getValue());
            line.putObject("metadata").put("package", corpus.get(i).getKey());
            lines.add(JSON.writeValueAsString(line));
        }
        return Files.write(dir.resolve("corpus.jsonl"), lines);
    }

    private static Path checkpoint(Path file) {
        return file.resolveSibling("corpus.jsonl.progress");
    }

    private static long memories(String namespace) {
        for (JsonNode each : TestServer.json(server.get("/v1/spaces")).get("namespaces")) {
            if (each.get("namespace").asText().equals(namespace)) {
                return each.get("memories").asLong();
            }
        }
        return 0;
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
