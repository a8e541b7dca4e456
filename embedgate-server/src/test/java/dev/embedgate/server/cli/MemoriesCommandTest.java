package dev.embedgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedgate.provider.ProviderEnvironment;
import dev.embedgate.server.api.TestServer;
import dev.embedgate.server.config.AuthConfig;
import dev.embedgate.server.config.ConfigLoader;
import dev.embedgate.server.config.GatewayConfig;
import dev.embedgate.store.keys.KeyScope;
import dev.embedgate.testkit.Faults;
import dev.embedgate.testkit.ProviderSimulator;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.SimulatorConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code embedgate memories add|get|delete|search}, {@code embedgate spaces} and the memory counts of
 * {@code embedgate status}, against a real gateway on loopback (the embedded default: Lucene, the local
 * all-MiniLM-L6-v2).
 */
class MemoriesCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GatewayConfig LOOPBACK = new GatewayConfig(new GatewayConfig.Server("127.0.0.1", 0, null),
            null, null);
    private static TestServer server;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void start() {
        server = new TestServer(LOOPBACK, Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aMemoryAddedIsReadFoundAndDeletedThroughTheCommandLine() throws IOException {
        assertThat(run("memories", "add", "The cat sleeps on the warm windowsill", "--id", "cat", "--namespace", "pets",
                "--metadata", "{\"kind\": \"observation\"}", "--importance", "0.8", "--url", server.baseUrl())).isZero();
        String added = out.toString();
        assertThat(run("memories", "add", "Quarterly tax returns are due at the end of the month", "--namespace",
                "pets", "--url", server.baseUrl())).isZero();
        String generatedId = field(out.toString(), "id");
        assertThat(run("memories", "get", "cat", "--namespace", "pets", "--url", server.baseUrl())).isZero();
        String read = out.toString();
        assertThat(run("memories", "get", "cat", "--namespace", "pets", "--json", "--url", server.baseUrl())).isZero();
        JsonNode readJson = JSON.readTree(out.toString());
        assertThat(run("memories", "search", "Where does the kitten nap?", "--namespace", "pets", "-k", "2",
                "--url", server.baseUrl())).isZero();
        List<String> found = out.toString().lines().toList();
        assertThat(run("memories", "search", "tax", "--mode", "keyword", "--namespace", "pets", "--json",
                "--url", server.baseUrl())).isZero();
        JsonNode keyword = JSON.readTree(out.toString());
        assertThat(run("memories", "delete", "cat", "--namespace", "pets", "--url", server.baseUrl())).isZero();
        String deleted = out.toString();
        int readAfterDelete = run("memories", "get", "cat", "--namespace", "pets", "--url", server.baseUrl());

        assertThat(added).contains("id:        cat").contains("namespace: pets").contains("state:     embedded")
                .contains("space:     sentence-transformers/all-MiniLM-L6-v2@");
        assertThat(generatedId).hasSize(36);
        assertThat(read).contains("id:         cat").contains("importance: 0.8")
                .contains("metadata:   {\"kind\":\"observation\"}")
                .endsWith("content:\nThe cat sleeps on the warm windowsill\n");
        assertThat(readJson.get("content").asText()).isEqualTo("The cat sleeps on the warm windowsill");
        assertThat(found.get(0).split("\\s+")).containsExactly("RANK", "SCORE", "ID", "CONTENT");
        assertThat(found.get(1).strip().split("\\s+", 4)).satisfies(row -> {
            assertThat(row[0]).isEqualTo("1");
            assertThat(Double.parseDouble(row[1])).isBetween(0.3, 1.0);
            assertThat(row[2]).isEqualTo("cat");
            assertThat(row[3]).isEqualTo("The cat sleeps on the warm windowsill");
        });
        assertThat(found.get(2).strip().split("\\s+")[2]).isEqualTo(generatedId);
        assertThat(found).contains("mode: vector (spaces: " + field(added, "space") + ")");
        assertThat(keyword.get("mode_used").asText()).isEqualTo("keyword");
        assertThat(keyword.get("data")).singleElement().satisfies(memory ->
                assertThat(memory.get("id").asText()).isEqualTo(generatedId));
        assertThat(deleted).isEqualTo("deleted cat from namespace pets\n");
        assertThat(readAfterDelete).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("embedgate: GET " + server.baseUrl()
                + "/v1/memories/cat answered 404: no memory 'cat' in namespace 'pets'");
    }

    @Test
    void searchShowsTheStartOfLongMemoriesAndTakesAFilterAndAMinimumScore() {
        String longText = "Invoices are sent on the first working day of every month, by e-mail, to the billing "
                + "contact of each customer";
        assertThat(run("memories", "add", longText, "--id", "invoices", "--namespace", "billing", "--metadata",
                "{\"year\": 2024}", "--url", server.baseUrl())).isZero();
        assertThat(run("memories", "add", "Refunds take five business days", "--id", "refunds", "--namespace",
                "billing", "--metadata", "{\"year\": 2020}", "--url", server.baseUrl())).isZero();

        assertThat(run("memories", "search", "when are invoices sent", "--namespace", "billing", "--filter",
                "{\"year\": {\"$gte\": 2023}}", "--mode", "HYBRID", "--url", server.baseUrl())).isZero();
        List<String> filtered = out.toString().lines().toList();
        assertThat(run("memories", "search", "when are invoices sent", "--namespace", "billing", "--min-score", "0.99",
                "--url", server.baseUrl())).isZero();
        String nothing = out.toString();

        assertThat(filtered.get(1)).contains("invoices")
                .endsWith("Invoices are sent on the first working day of every month...");
        assertThat(filtered.get(2)).isEmpty();
        assertThat(filtered).contains("mode: hybrid (spaces: " + spaceOf("billing") + ")");
        assertThat(nothing).startsWith("(no memories found)\n");
    }

    @Test
    void deleteTakesAnIdOrAFilterButNotBoth() {
        run("memories", "add", "a draft", "--id", "draft", "--namespace", "purge", "--metadata",
                "{\"status\": \"draft\"}", "--url", server.baseUrl());
        run("memories", "add", "the final text", "--id", "final", "--namespace", "purge", "--metadata",
                "{\"status\": \"final\"}", "--url", server.baseUrl());

        assertThat(run("memories", "delete", "--filter", "{\"status\": \"draft\"}", "--namespace", "purge",
                "--url", server.baseUrl())).isZero();
        String deleted = out.toString();
        int neither = run("memories", "delete", "--namespace", "purge", "--url", server.baseUrl());
        String neitherError = err.toString();
        int both = run("memories", "delete", "final", "--filter", "{}", "--namespace", "purge", "--url",
                server.baseUrl());

        assertThat(deleted).isEqualTo("deleted 1 memories from namespace purge\n");
        assertThat(neither).isEqualTo(2);
        assertThat(neitherError).contains("give either an ID or --filter JSON");
        assertThat(both).isEqualTo(2);
        assertThat(server.get("/v1/memories/final?namespace=purge").statusCode()).isEqualTo(200);
        assertThat(server.get("/v1/memories/draft?namespace=purge").statusCode()).isEqualTo(404);
    }

    @Test
    void idsAndNamespacesThatAreNoPlainUrlPartsArriveAsTyped() {
        String id = "notes/2024 Q1?draft#2 100%+";
        String namespace = "team a&b=c";

        assertThat(run("memories", "add", "an oddly named memory", "--id", id, "--namespace", namespace,
                "--url", server.baseUrl())).isZero();
        String added = out.toString();
        assertThat(run("memories", "get", id, "--namespace", namespace, "--url", server.baseUrl())).as(err.toString())
                .isZero();
        String read = out.toString();
        assertThat(run("memories", "delete", id, "--namespace", namespace, "--url", server.baseUrl())).isZero();

        assertThat(added).contains("id:        " + id).contains("namespace: " + namespace);
        assertThat(read).contains("id:         " + id).contains("namespace:  " + namespace);
        assertThat(out.toString()).isEqualTo("deleted " + id + " from namespace " + namespace + "\n");
    }

    @Test
    void mistakesAreOneLineMessagesAndExitTwo() {
        String url = server.baseUrl();
        List<List<String>> cases = List.of(
                List.of("memories", "add", "x", "--metadata", "{oops", "--url", url),
                List.of("memories", "add", "x", "--metadata", "[1]", "--url", url),
                List.of("memories", "add", "x", "--importance", "3", "--url", url),
                List.of("memories", "search", "x", "--mode", "fuzzy", "--url", url),
                List.of("memories", "search", "x", "--filter", "{\"year\": {\"$near\": 1}}", "--url", url),
                List.of("memories", "get", "x", "--url", "http://127.0.0.1:9"),
                List.of("spaces", "--url", "localhost:8080"));
        var messages = cases.stream().map(args -> {
            assertThat(run(args.toArray(String[]::new))).as("%s", args).isEqualTo(2);
            assertThat(err.toString().lines()).as("%s", args).singleElement();
            return err.toString().strip();
        }).toList();

        assertThat(messages.get(0)).startsWith("embedgate: --metadata is not JSON: ");
        assertThat(messages.get(1)).isEqualTo("embedgate: --metadata must be a JSON object such as {\"source\": \"wiki\"}");
        assertThat(messages.get(2)).isEqualTo("embedgate: POST " + url + "/v1/memories answered 400: "
                + "memories[0].importance must be within 0..1");
        assertThat(messages.get(3)).contains("answered 400: 'mode' must be vector, keyword or hybrid, not 'fuzzy'");
        assertThat(messages.get(4)).contains("answered 400: ").contains("$near");
        assertThat(messages.get(5)).startsWith("embedgate: no gateway answers at http://127.0.0.1:9/v1/memories/x (");
        assertThat(messages.get(6)).isEqualTo("embedgate: --url must be an http:// or https:// URL with a host, such "
                + "as http://127.0.0.1:8080");
    }

    @Test
    void aGatewayWhoseMemoryIsOffIsNamedAsTheReason(@TempDir Path dir) throws IOException {
        GatewayConfig config = ConfigLoader.load(Files.writeString(dir.resolve("embedgate.yaml"), """
                server: {host: 127.0.0.1, port: 0}
                store: {dataDir: %s}
                memory: {store: "off"}
                """.formatted(dir.resolve("data"))));
        try (var withoutMemory = new TestServer(config, Map.of())) {
            assertThat(run("memories", "search", "anything", "--url", withoutMemory.baseUrl())).isEqualTo(2);
            String search = err.toString();
            assertThat(run("spaces", "--url", withoutMemory.baseUrl())).isEqualTo(2);

            assertThat(search).contains("answered 404: no route POST /v1/memories/search")
                    .contains("; is the gateway's memory off (memory.store: off)?");
            assertThat(err.toString()).contains("is the gateway's memory off");
        }
    }

    @Test
    void theGatewayIsTheOneEmbedgateUrlNamesWhenNoUrlIsGiven() {
        int added = run(Map.of("EMBEDGATE_URL", server.baseUrl()), "memories", "add", "from the variable", "--id",
                "env", "--namespace", "variables");
        int overridden = run(Map.of("EMBEDGATE_URL", "http://127.0.0.1:9"), "memories", "get", "env", "--namespace",
                "variables", "--url", server.baseUrl());
        String read = out.toString();
        int wrong = run(Map.of("EMBEDGATE_URL", "127.0.0.1 8080"), "spaces");

        assertThat(added).isZero();
        assertThat(overridden).isZero();
        assertThat(read).contains("from the variable");
        assertThat(wrong).isEqualTo(2);
        assertThat(err.toString()).contains("EMBEDGATE_URL is not a URL such as http://127.0.0.1:8080");
    }

    @Test
    void spacesAndStatusShowTheMemoryCounts() throws IOException {
        try (var own = new TestServer(LOOPBACK, Map.of())) {
            List<String> namespaces = List.of("alpha", "alpha", "alpha", "beta", "beta");
            for (int i = 0; i < namespaces.size(); i++) {
                assertThat(run("memories", "add", "memory number " + i + " of " + namespaces.get(i), "--namespace",
                        namespaces.get(i), "--url", own.baseUrl())).isZero();
            }
            String space = field(out.toString(), "space");

            assertThat(run("spaces", "--url", own.baseUrl())).isZero();
            List<String[]> spaces = out.toString().lines().map(line -> line.strip().split("\\s{2,}")).toList();
            assertThat(run("spaces", "--json", "--url", own.baseUrl())).isZero();
            JsonNode spacesJson = JSON.readTree(out.toString());
            assertThat(run("status", "--url", own.baseUrl())).isZero();
            List<String> status = out.toString().lines().toList();

            assertThat(spaces.get(0)).containsExactly("default space: " + space);
            assertThat(spaces).contains(
                    new String[] {"SPACE", "MODEL", "DIMS", "SERVED", "VECTORS", "DEGRADED", "PROVIDERS"},
                    new String[] {space, "sentence-transformers/all-MiniLM-L6-v2", "384", "yes", "5", "0",
                            "local/sentence-transformers/all-MiniLM-L6-v2=5"},
                    new String[] {"NAMESPACE", "ACTIVE SPACE", "MEMORIES", "PENDING"},
                    new String[] {"alpha", space, "3", "0"},
                    new String[] {"beta", space, "2", "0"});
            assertThat(spacesJson.get("namespaces")).hasSize(2);
            assertThat(status).anySatisfy(line -> assertThat(line.split("\\s+"))
                    .containsExactly("MEMORY", "STORE", "MEMORIES", "PENDING", "VECTORS", "DEGRADED"));
            assertThat(status).filteredOn(line -> line.startsWith("Lucene at ")).singleElement()
                    .satisfies(line -> assertThat(line.split("\\s+")).endsWith("5", "0", "5", "0"));
        }
    }

    @Test
    void aKeyLimitedToANamespaceWorksThereOnlyAndSeesOnlyIt(@TempDir Path data) {
        var config = new GatewayConfig(new GatewayConfig.Server("127.0.0.1", 0, null), null, null, null, null,
                null, null, null, new AuthConfig(true, null), null, null, null, null).withDataDir(data);
        try (var secured = new TestServer(config, Map.of())) {
            String key = secured.gateway().keys().create("team-a", KeyScope.TENANT, Set.of(), Set.of("team-a"), null,
                    null, null).secret();
            String url = secured.baseUrl();
            Map<String, String> withKey = Map.of("TEAM_KEY", key);

            int own = run(withKey, "memories", "add", "ours", "--namespace", "team-a", "--url", url, "--api-key-env",
                    "TEAM_KEY");
            int other = run(withKey, "memories", "add", "theirs", "--namespace", "team-b", "--url", url,
                    "--api-key-env", "TEAM_KEY");
            String refusal = err.toString();
            int without = run(Map.of(), "memories", "add", "anyone's", "--url", url);
            String unauthenticated = err.toString();
            int unset = run(Map.of(), "spaces", "--url", url, "--api-key-env", "TEAM_KEY");
            String unsetError = err.toString();
            assertThat(run(Map.of("EMBEDGATE_API_KEY", key), "spaces", "--url", url)).isZero();

            assertThat(own).isZero();
            assertThat(other).isEqualTo(2);
            assertThat(refusal).contains("answered 403: this API key may not use the memory namespace 'team-b'")
                    .doesNotContain(key);
            assertThat(without).isEqualTo(2);
            assertThat(unauthenticated).contains("answered 401")
                    .contains("send a key in EMBEDGATE_API_KEY or the variable --api-key-env names");
            assertThat(unset).isEqualTo(2);
            assertThat(unsetError).contains("the variable TEAM_KEY is not set");
            assertThat(out.toString().lines().filter(line -> line.startsWith("team-"))).singleElement().asString()
                    .startsWith("team-a ");
        }
    }

    @Test
    void whileTheSpacesProviderIsDownAddSaysPendingAndSearchPrintsTheNotice(@TempDir Path dir) throws IOException {
        try (var simulator = ProviderSimulator.start(SimulatorConfig.defaults().withPort(0))) {
            GatewayConfig config = ConfigLoader.load(Files.writeString(dir.resolve("embedgate.yaml"), """
                    server: {host: 127.0.0.1, port: 0}
                    store: {dataDir: %s}
                    models: {builtIn: false}
                    cache: {enabled: false}
                    providers:
                      - {name: hf-minilm, kind: huggingface, model: sentence-transformers/all-MiniLM-L6-v2, baseUrl: "%s",
                         apiKeyEnv: SIM_HF_TOKEN, resilience: {maxAttempts: 1, minimumCalls: 1000}}
                    routes:
                      - {name: remote-minilm, providers: [hf-minilm]}
                    """.formatted(dir.resolve("data"), simulator.huggingFaceBaseUrl())));
            try (var down = new TestServer(config, Map.of("SIM_HF_TOKEN", "hf_memoriesCommand0123456789"))) {
                simulator.faults(Route.HUGGINGFACE, Faults.builder().errorRate(1.0).build());

                assertThat(run("memories", "add", "The backup runs every night at two", "--url", down.baseUrl()))
                        .isZero();
                String added = out.toString();
                assertThat(run("memories", "search", "when does the backup run", "--url", down.baseUrl())).isZero();
                String found = out.toString();
                assertThat(run("spaces", "--url", down.baseUrl())).isZero();
                List<String> spaces = out.toString().lines().toList();

                assertThat(added).contains("state:     pending");
                assertThat(found).contains("mode: keyword_importance").containsPattern("(?m)^notice: .*could not be "
                        + "embedded");
                assertThat(spaces.stream().filter(line -> line.matches("default\\s{2,}.*")).map(line -> line.split("\\s+")))
                        .singleElement().satisfies(row -> assertThat(Arrays.asList(row).subList(row.length - 2,
                                row.length)).containsExactly("1", "1"));
            }
        }
    }

    private static String field(String printed, String name) {
        return printed.lines().filter(line -> line.startsWith(name + ":")).reduce((first, last) -> last).orElseThrow()
                .substring(name.length() + 1).strip();
    }

    private static String spaceOf(String namespace) {
        for (JsonNode each : TestServer.json(server.get("/v1/spaces")).get("namespaces")) {
            if (each.get("namespace").asText().equals(namespace)) {
                return each.get("active_space").asText();
            }
        }
        throw new AssertionError("no namespace " + namespace);
    }

    private int run(String... args) {
        return run(Map.of(), args);
    }

    private int run(Map<String, String> environment, String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine commandLine = EmbedGateCli.commandLine(new ProviderEnvironment(environment));
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }
}
