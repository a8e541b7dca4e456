package dev.embedgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedgate.embedding.EmbeddingRequest;
import dev.embedgate.provider.Capability;
import dev.embedgate.provider.ProviderEnvironment;
import dev.embedgate.server.api.TestServer;
import dev.embedgate.server.config.AuthConfig;
import dev.embedgate.server.config.GatewayAssembly;
import dev.embedgate.server.config.GatewayConfig;
import dev.embedgate.store.Database;
import dev.embedgate.store.keys.KeyScope;
import dev.embedgate.store.usage.JdbcUsageLedger;
import dev.embedgate.usage.UsageEntry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code embedgate} command line: embed, models, and how it reports configuration mistakes. */
class EmbedGateCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return run(Map.of(), args);
    }

    /** Runs a command that reads its variables from {@code environment} alone. */
    private int run(Map<String, String> environment, String... args) {
        CommandLine commandLine = EmbedGateCli.commandLine(new ProviderEnvironment(environment));
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    @Test
    void embedPrintsOneVectorPerTextAsJson() throws IOException {
        assertThat(run("embed", "first text", "second text")).isZero();

        JsonNode result = new ObjectMapper().readTree(out.toString());
        assertThat(result.get("model").asText()).isEqualTo("sentence-transformers/all-MiniLM-L6-v2");
        assertThat(result.get("data")).hasSize(2);
        assertThat(result.get("data").get(0).get("embedding")).hasSize(384);
        assertThat(result.get("prompt_tokens").asInt()).isEqualTo(8);
    }

    @Test
    void embedTakesModelAndInputType() throws IOException {
        assertThat(run("embed", "--model", "bge-small-en-v1.5-q", "--input-type", "query", "what is apt")).isZero();

        JsonNode result = new ObjectMapper().readTree(out.toString());
        assertThat(result.get("model").asText()).isEqualTo("BAAI/bge-small-en-v1.5-int8");
        // The query instruction is embedded too: 10 instruction tokens + 3 text tokens + [CLS] + [SEP].
        assertThat(result.get("prompt_tokens").asInt()).isGreaterThan(10);
    }

    @Test
    void embedWithUnknownModelSaysWhichModelsExist() {
        assertThat(run("embed", "--model", "nope", "hello")).isEqualTo(2);
        assertThat(err.toString()).contains("model 'nope' is not configured").contains("all-MiniLM-L6-v2");
    }

    @Test
    void embedRejectsAnUnknownInputType() {
        assertThat(run("embed", "--input-type", "passage", "hello")).isNotZero();
        assertThat(err.toString()).contains("use query or document");
    }

    @Test
    void modelsListsTheBuiltInModelsWithTheDefaultMarked() {
        assertThat(run("models")).isZero();
        assertThat(out.toString())
                .contains("sentence-transformers/all-MiniLM-L6-v2 (default)")
                .contains("sentence-transformers/all-MiniLM-L6-v2-int8")
                .contains("BAAI/bge-small-en-v1.5")
                .contains("BAAI/bge-small-en-v1.5-int8");
    }

    @Test
    void configWithUnknownKeyNamesTheKey(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("embedgate.yaml"), "server:\n  prot: 9000\n");

        assertThat(run("models", "--config", config.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("unknown key 'server.prot'").contains("port");
    }

    @Test
    void configWithInvalidValueNamesTheKeyAndTheProblem(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("embedgate.yaml"), "server:\n  port: 70000\n");

        assertThat(run("models", "--config", config.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("server.port").contains("between 0 and 65535");
    }

    @Test
    void serveOnAHostThatIsNotThisMachinesSaysSoRatherThanAPortInUse(@TempDir Path dir) throws IOException {
        // 192.0.2.1 is TEST-NET-1: a literal address (no lookup) that no machine here holds
        Path config = Files.writeString(dir.resolve("embedgate.yaml"), "server:\n  host: 192.0.2.1\n");

        assertThat(run("serve", "--config", config.toString(), "--port", "0", "--data-dir",
                dir.resolve("data").toString())).isNotZero();
        assertThat(err.toString()).contains("cannot listen on 192.0.2.1").contains("server.host")
                .doesNotContain("Port already in use");
    }

    @Test
    void configWithUnknownDefaultModelSaysWhichModelsExist(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("embedgate.yaml"), "models:\n  default: text-embedding-3-small\n");

        assertThat(run("models", "--config", config.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("text-embedding-3-small").contains("configured models");
    }

    @Test
    void missingConfigFileIsReported() {
        assertThat(run("models", "--config", "/nonexistent/embedgate.yaml")).isEqualTo(2);
        assertThat(err.toString()).contains("/nonexistent/embedgate.yaml does not exist");
    }

    @Test
    void configProblemsAreOneLineEach(@TempDir Path dir) throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "server:\n  port: 9000\n host: x\n");
        Path twice = Files.writeString(dir.resolve("twice.yaml"), "server: {port: 9000}\nserver: {port: 9001}\n");
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "");

        for (Path config : List.of(broken, twice, empty, dir)) {
            err.getBuffer().setLength(0);
            assertThat(run("models", "--config", config.toString())).as("%s", config).isEqualTo(2);
            assertThat(err.toString().lines()).as("%s", config).singleElement().asString()
                    .startsWith("embedgate: configuration file " + config);
        }
    }

    @Test
    void keysAreCreatedListedAndRevokedInTheDataFolder(@TempDir Path data) {
        assertThat(run("keys", "create", "--data-dir", data.toString(), "--name", "search team", "--models",
                "all-MiniLM-L6-v2,bge-small-en-v1.5", "--rpm", "600", "--daily-budget", "2.5")).isZero();
        String created = out.toString();
        String id = created.lines().filter(line -> line.startsWith("id:")).findFirst().orElseThrow().substring(3).strip();
        String secret = created.lines().filter(line -> line.startsWith("secret:")).findFirst().orElseThrow()
                .substring(7).strip();
        out.getBuffer().setLength(0);

        assertThat(run("keys", "list", "--data-dir", data.toString())).isZero();
        String listed = out.toString();
        out.getBuffer().setLength(0);
        assertThat(run("keys", "revoke", "--data-dir", data.toString(), id)).isZero();
        assertThat(run("keys", "list", "--data-dir", data.toString())).isZero();

        assertThat(secret).startsWith("egk_").hasSizeGreaterThan(40);
        assertThat(listed).contains(id).contains("search team").contains("valid").contains("600").contains("2.5")
                .contains("all-MiniLM-L6-v2").doesNotContain(secret);
        assertThat(out.toString()).contains("revoked " + id).contains("revoked");
        assertThat(run("keys", "revoke", "--data-dir", data.toString(), id)).isEqualTo(2);
        assertThat(err.toString()).contains("no valid key has the id");
    }

    @Test
    void keysCreateAdminMakesAnAdminKeyAndKeysAreTenantKeysOtherwise(@TempDir Path data) {
        assertThat(run("keys", "create", "--data-dir", data.toString(), "--name", "operators", "--admin")).isZero();
        assertThat(run("keys", "create", "--data-dir", data.toString(), "--name", "search team")).isZero();
        assertThat(out.toString()).contains("scope:  admin").contains("scope:  tenant");
        out.getBuffer().setLength(0);

        assertThat(run("keys", "list", "--data-dir", data.toString())).isZero();

        assertThat(out.toString().lines())
                .anySatisfy(line -> assertThat(line).contains("operators").contains(" admin "))
                .anySatisfy(line -> assertThat(line).contains("search team").contains(" tenant "));
    }

    @Test
    void keysCreateRefusesModelsThatAreNotConfiguredAndNamesTheConfiguredOnes(@TempDir Path data) {
        assertThat(run("keys", "create", "--data-dir", data.toString(), "--name", "typo", "--models",
                "all-MiniLM-L6-v2,all-MiniLM-L6")).isEqualTo(2);

        assertThat(err.toString().strip()).doesNotContain("\n")
                .startsWith("embedgate: model 'all-MiniLM-L6' is not configured; configured models: ")
                .contains("sentence-transformers/all-MiniLM-L6-v2 (").contains("all-MiniLM-L6-v2");
        assertThat(run("keys", "list", "--data-dir", data.toString())).isZero();
        assertThat(out.toString()).as("no key was made").doesNotContain("typo");
    }

    @Test
    void costPrintsTheLedgerGroupedAsAsked(@TempDir Path data) {
        var config = GatewayConfig.DEFAULT.withDataDir(data);
        try (var gateway = GatewayAssembly.gateway(config,
                new ProviderEnvironment(Map.of()), Clock.systemUTC())) {
            var service = gateway.service();
            service.embed(EmbeddingRequest.of("all-MiniLM-L6-v2", List.of("a", "b")));
            service.embed(EmbeddingRequest.of("all-MiniLM-L6-v2", List.of("a")));
        }

        assertThat(run("cost", "--data-dir", data.toString(), "--by", "model")).isZero();
        String table = out.toString();
        assertThat(table).contains("sentence-transformers/all-MiniLM-L6-v2").contains("TOTAL");
        String row = table.lines().filter(line -> line.startsWith("sentence-transformers/all-MiniLM-L6-v2")).findFirst()
                .orElseThrow();
        // requests, calls, input tokens, output tokens, cost, cache hits: 2 requests, 1 call, no output, 1 hit.
        assertThat(row.split("\\s+")).startsWith("sentence-transformers/all-MiniLM-L6-v2", "2", "1");
        assertThat(row.split("\\s+")[4]).isEqualTo("0");
        assertThat(row.split("\\s+")[6]).isEqualTo("1");
        assertThat(run("cost", "--data-dir", data.toString(), "--by", "colour")).isEqualTo(2);
        assertThat(err.toString()).contains("--by must be provider, model, key, capability or day");
    }

    @Test
    void costByCapabilityPrintsEachCapabilityWithItsOutputTokens(@TempDir Path data) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try (Database database = Database.sqlite(data)) {
            new JdbcUsageLedger(database).add(List.of(
                    new UsageEntry(today, Capability.EMBEDDING, "openai", "text-embedding-3-small", "", 3, 3, 1_000, 0,
                            20_000, 2, 40, 800),
                    new UsageEntry(today, Capability.CHAT, "openai-chat", "gpt-4o-mini", "", 1, 1, 300, 120, 117_000,
                            0, 0, 0),
                    new UsageEntry(today, Capability.CHAT, "openai-chat", "gpt-4o-mini", "key-a", 1, 2, 100, 50,
                            45_000, 0, 0, 0),
                    new UsageEntry(today, Capability.RERANK, "cohere-rerank", "rerank-v3.5", "", 1, 1, 900, 0,
                            2_000_000, 0, 0, 0)));
        }

        assertThat(run("cost", "--data-dir", data.toString(), "--by", "capability")).isZero();
        var rows = out.toString().lines().map(line -> List.of(line.split("\\s+"))).toList();

        assertThat(rows).contains(
                List.of("CAPABILITY", "REQUESTS", "CALLS", "INPUT", "TOKENS", "OUTPUT", "TOKENS", "COST", "$", "CACHE",
                        "HITS", "TOKENS", "SAVED", "SAVED", "$"),
                List.of("chat", "2", "3", "400", "170", "0.000162", "0", "0", "0.000000"),
                List.of("embedding", "3", "3", "1000", "0", "0.000020", "2", "40", "0.000001"),
                List.of("rerank", "1", "1", "900", "0", "0.002000", "0", "0", "0.000000"),
                List.of("TOTAL", "6", "7", "2300", "170", "0.002182", "2", "40", "0.000001"));
    }

    @Test
    void statusPrintsARunningGatewaysProvidersAndCache(@TempDir Path data) {
        try (var server = new TestServer(GatewayConfig.DEFAULT.withDataDir(data), Map.of())) {
            server.post("/v1/embeddings", "{\"model\": \"all-MiniLM-L6-v2\", \"input\": \"status\"}");

            assertThat(run("status", "--url", server.baseUrl())).isZero();
        }

        assertThat(out.toString()).contains("ready").contains("local/sentence-transformers/all-MiniLM-L6-v2")
                .contains("CACHE TIER").contains("memory").contains("database");
        assertThat(run("status", "--url", "http://127.0.0.1:9")).isEqualTo(2);
        assertThat(err.toString()).contains("no gateway answers at http://127.0.0.1:9/status");
    }

    @Test
    void statusOfAGatewayThatRequiresKeysSendsTheAdminKeyOfEmbedgateApiKey(@TempDir Path data) {
        var config = new GatewayConfig(new GatewayConfig.Server("127.0.0.1", 0, null), null, null, null, null,
                null, null, null, new AuthConfig(true, null), null, null, null, null).withDataDir(data);
        try (var server = new TestServer(config, Map.of())) {
            String admin = server.gateway().keys().create("operators", KeyScope.ADMIN, Set.of(), null, null, null)
                    .secret();
            String tenant = server.gateway().keys().create("team", KeyScope.TENANT, Set.of(), null, null, null)
                    .secret();

            int withTenantKey = run(Map.of("EMBEDGATE_API_KEY", tenant), "status", "--url", server.baseUrl());
            String refusal = err.toString();
            int withAdminKey = run(Map.of("EMBEDGATE_API_KEY", admin), "status", "--url", server.baseUrl());
            int withNamedVariable = run(Map.of("OPS_KEY", admin), "status", "--url", server.baseUrl(),
                    "--api-key-env", "OPS_KEY");

            assertThat(withTenantKey).isEqualTo(2);
            assertThat(refusal).contains("answered 403").contains("needs an admin key")
                    .contains("embedgate keys create --admin").doesNotContain(tenant);
            assertThat(withAdminKey).isZero();
            assertThat(withNamedVariable).isZero();
            assertThat(out.toString()).contains("CACHE TIER");
        }
    }
}
