package dev.embedgate.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.embedgate.provider.ProviderEnvironment;
import dev.embedgate.provider.local.InferenceSettings;
import dev.embedgate.usage.LedgerWrites;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The YAML configuration: defaults, overrides, and errors that name the key. */
class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void noFileIsTheEmbeddedDefault() {
        GatewayConfig config = ConfigLoader.load(null);

        assertThat(config.server().port()).isEqualTo(8080);
        assertThat(config.models().defaultModel()).as("unset: chosen from the environment, else local MiniLM").isNull();
        assertThat(config.models().builtIn()).isTrue();
        assertThat(config.limits().maxInputs()).isEqualTo(2048);
    }

    @Test
    void fileOverridesOnlyWhatItSets() throws IOException {
        GatewayConfig config = load("""
                server:
                  port: 9000
                limits:
                  maxInputs: 100
                models:
                  default: bge-small-en-v1.5
                """);

        assertThat(config.server().port()).isEqualTo(9000);
        assertThat(config.server().host()).isEqualTo("0.0.0.0");
        assertThat(config.limits().maxInputs()).isEqualTo(100);
        assertThat(config.limits().maxCharsPerInput()).isEqualTo(200_000);
        assertThat(config.limits().maxTokenIdsPerInput()).isEqualTo(8192);
        assertThat(config.models().defaultModel()).isEqualTo("bge-small-en-v1.5");
    }

    @Test
    void nonPositiveTokenIdLimitNamesItsKey() {
        assertThatThrownBy(() -> load("limits:\n  maxTokenIdsPerInput: 0\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("limits.maxTokenIdsPerInput")
                .hasMessageContaining("must be positive");
    }

    @Test
    void inferenceOverridesReplaceDefaultsButInt8KeepsBatchesOfOne() throws IOException {
        GatewayConfig config = load("""
                models:
                  inference:
                    workers: 1
                    intraOpThreads: 2
                    maxBatchSize: 8
                """);

        InferenceSettings fp32 = config.models().inference().settingsFor(true, 2);
        InferenceSettings int8 = config.models().inference().settingsFor(false, 2);
        assertThat(fp32).isEqualTo(new InferenceSettings(1, 2, 8, InferenceSettings.defaults(true, 2).maxBatchTokens(),
                InferenceSettings.defaults(true, 2).queueCapacity()));
        assertThat(int8.maxBatchSize()).isEqualTo(1);
        assertThat(int8.workers()).isEqualTo(1);
    }

    @Test
    void nonPositiveInferenceSettingNamesItsKey() throws IOException {
        assertThatThrownBy(() -> load("models:\n  inference:\n    workers: 0\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("models.inference.workers")
                .hasMessageContaining("must be positive");
    }

    @Test
    void queueSmallerThanTheLargestRequestIsRefused() {
        assertThatThrownBy(() -> load("limits:\n  maxInputs: 100\nmodels:\n  inference:\n    queueCapacity: 99\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("models.inference.queueCapacity")
                .hasMessageContaining("at least limits.maxInputs (100)");
    }

    @Test
    void corsIsOffUnlessOriginsAreListed() throws IOException {
        assertThat(ConfigLoader.load(null).server().cors().enabled()).isFalse();

        GatewayConfig config = load("""
                server:
                  cors:
                    allowedOrigins: ["https://App.Example.com", "http://localhost:3000", "http://[::1]:8081"]
                """);

        assertThat(config.server().cors().enabled()).isTrue();
        assertThat(config.server().cors().allowedOrigins())
                .containsExactly("https://app.example.com", "http://localhost:3000", "http://[::1]:8081");
    }

    @Test
    void corsOriginThatIsNotAnOriginNamesTheKeyAndTheFix() {
        assertThatThrownBy(() -> load("server:\n  cors:\n    allowedOrigins: [\"*\"]\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("server.cors.allowedOrigins").hasMessageContaining("must list each origin");
        for (String notAnOrigin : new String[] {"https://app.example.com/", "https://app.example.com/path",
                "app.example.com", "ftp://app.example.com", "null"}) {
            assertThatThrownBy(() -> load("server:\n  cors:\n    allowedOrigins: [\"" + notAnOrigin + "\"]\n"))
                    .as(notAnOrigin).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("server.cors.allowedOrigins").hasMessageContaining("https://app.example.com")
                    .hasMessageContaining("'" + notAnOrigin + "'");
        }
    }

    @Test
    void failuresAreSummedUpInTheLogOncePerMinuteByDefault() {
        assertThat(ConfigLoader.load(null).logging().failureSummaryInterval()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void operatorRoutesAnswerOnlyThisHostByDefault() {
        GatewayConfig config = ConfigLoader.load(null);

        assertThat(config.server().admin().allowFrom()).containsExactly("loopback");
        assertThat(config.auth().openPaths()).containsExactly("/health", "/ready", "/metrics");
    }

    @Test
    void allowFromTakesLoopbackAnyAddressesAndBlocksButNoHostNames() throws IOException {
        var admin = load("server:\n  admin:\n    allowFrom: [loopback, 10.0.0.0/8, 192.168.1.7, \"fd00::/8\"]\n")
                .server().admin();

        assertThat(admin.clients().allows(InetAddress.getByName("10.200.3.4"))).isTrue();
        assertThat(admin.clients().allows(InetAddress.getByName("192.168.1.7"))).isTrue();
        assertThat(admin.clients().allows(InetAddress.getByName("192.168.1.8"))).isFalse();
        assertThat(admin.clients().allows(InetAddress.getByName("fd12::1"))).isTrue();
        assertThat(admin.clients().allows(InetAddress.getByName("::1"))).isTrue();
        assertThat(admin.clients().allows(InetAddress.getByName("11.0.0.1"))).isFalse();
        assertThatThrownBy(() -> load("server:\n  admin:\n    allowFrom: [ops.example.com]\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("server.admin.allowFrom").hasMessageContaining("'ops.example.com' is not");
        assertThatThrownBy(() -> load("server:\n  admin:\n    allowFrom: [10.0.0.0/33]\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("server.admin.allowFrom").hasMessageContaining("prefix length (0 to 32)");
    }

    @Test
    void openPathsCannotOpenStatusOrTheAdminRoutes() {
        for (String path : new String[] {"/status", "/admin/cache"}) {
            assertThatThrownBy(() -> load("auth:\n  openPaths: [/health, " + path + "]\n"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("auth.openPaths").hasMessageContaining("cannot open " + path);
        }
    }

    @Test
    void aFailureSummaryIntervalMustBePositive() {
        assertThatThrownBy(() -> load("logging:\n  failureSummaryInterval: 0s\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("logging.failureSummaryInterval").hasMessageContaining("must be positive");
    }

    @Test
    void wrongTypeNamesTheKey() throws IOException {
        assertThatThrownBy(() -> load("server:\n  port: eighty\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("server.port")
                .hasMessageContaining("wrong type");
    }

    @Test
    void unknownKeyInANestedSectionNamesItsPath() throws IOException {
        assertThatThrownBy(() -> load("models:\n  directories:\n    - name: x\n      path: /tmp\n      pooling: mean\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("models.directories[0].pooling");
    }

    @Test
    void directoryModelThatCannotBeReadStopsStartUpNamingTheModel() throws IOException {
        GatewayConfig config = load("models:\n  directories:\n    - name: my/model\n      path: " + dir.resolve("missing") + "\n");

        assertThatThrownBy(() -> GatewayAssembly.embeddingService(config, new ProviderEnvironment(Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("models.directories")
                .hasMessageContaining("my/model")
                .hasMessageContaining("does not exist");
    }

    @Test
    void yamlSyntaxErrorIsOneLineWithTheFileLineAndColumn() {
        assertThatThrownBy(() -> load("server:\n  port: 9000\n host: 127.0.0.1\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("configuration file " + dir.resolve("embedgate.yaml") + ":3:2: YAML syntax: ")
                .hasMessageContaining("expected <block end>")
                .hasMessageNotContaining("\n");
    }

    @Test
    void tabIndentationIsReportedWhereItIs() {
        assertThatThrownBy(() -> load("server:\n\tport: 9000\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("embedgate.yaml:2:1: YAML syntax: ")
                .hasMessageContaining("TAB")
                .hasMessageNotContaining("\n");
    }

    @Test
    void keyGivenTwiceIsRefusedNamingItsPathAndLine() {
        assertThatThrownBy(() -> load("server:\n  port: 9000\n  host: 127.0.0.1\n  port: 9001\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("embedgate.yaml:4:")
                .hasMessageContaining("key 'server.port' is given twice");
        assertThatThrownBy(() -> load("server: {port: 9000}\nlimits: {maxInputs: 10}\nserver: {port: 9001}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("embedgate.yaml:3:")
                .hasMessageContaining("key 'server' is given twice");
    }

    @Test
    void keyGivenTwiceInAListItemOrAMapIsRefused() {
        assertThatThrownBy(() -> load("models:\n  directories:\n    - name: a\n      path: /tmp\n      name: b\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("key 'models.directories[0].name' is given twice");
        assertThatThrownBy(() -> load("budgets:\n  models:\n    m: {dailyUsd: 1}\n    m: {dailyUsd: 2}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("key 'budgets.models.m' is given twice");
    }

    @Test
    void directoryIsNotTakenForAMissingFile() {
        assertThatThrownBy(() -> ConfigLoader.load(dir))
                .isInstanceOf(ConfigException.class)
                .hasMessage("configuration file " + dir + " is a directory; --config takes a YAML file");
    }

    @Test
    void fileWithoutSettingsIsRefusedRatherThanRunOnTheDefaults() {
        for (String empty : new String[] {"", "# auth: {enabled: true}\n", "---\n", "~\n"}) {
            assertThatThrownBy(() -> load(empty)).as("%s", empty)
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("configuration file " + dir.resolve("embedgate.yaml") + " holds no settings; leave out "
                            + "--config to run on the embedded default");
        }
    }

    @Test
    void topLevelThatIsNotAMappingSaysWhatItIs() {
        assertThatThrownBy(() -> load("- server\n- models\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("embedgate.yaml:1:1: the top level must be a mapping of sections")
                .hasMessageEndingWith("not a list");
    }

    @Test
    void wrongTypeSaysWhereItIs() {
        assertThatThrownBy(() -> load("limits:\n  maxInputs: 10\nserver:\n  port: eighty\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("embedgate.yaml:4:9: key 'server.port' has the wrong type")
                .hasMessageNotContaining("\n");
    }

    @Test
    void usageIsBatchedEverySecondUnlessDurableIsAsked() throws IOException {
        assertThat(ConfigLoader.load(null).usage()).isEqualTo(new UsageConfig(false, Duration.ofSeconds(1)));
        assertThat(ConfigLoader.load(null).usage().writes()).isEqualTo(LedgerWrites.BATCHED);

        UsageConfig usage = load("usage:\n  durable: true\n  flushInterval: 250ms\n").usage();

        assertThat(usage.writes()).isEqualTo(LedgerWrites.DURABLE);
        assertThat(usage.flushInterval()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void usageSettingsThatCannotWorkNameTheirKey() {
        assertThatThrownBy(() -> load("usage: {flushInterval: 0s}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("usage.flushInterval")
                .hasMessageContaining("at least 1ms");
        assertThatThrownBy(() -> load("usage: {durable: sometimes}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("key 'usage.durable' has the wrong type");
    }

    @Test
    void staleOnErrorIsOffAndShutdownGraceIsFiveSecondsUnlessSet() throws IOException {
        assertThat(ConfigLoader.load(null).cache().staleFor()).isZero();
        assertThat(ConfigLoader.load(null).server().shutdownGrace()).isEqualTo(Duration.ofSeconds(5));

        GatewayConfig set = load("cache: {staleFor: 6h}\nserver: {shutdownGrace: 30s}\n");

        assertThat(set.cache().staleFor()).isEqualTo(Duration.ofHours(6));
        assertThat(set.server().shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(set.server().withPort(9000).shutdownGrace()).as("serve --port keeps it").isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void negativeStaleForOrShutdownGraceNamesItsKey() {
        assertThatThrownBy(() -> load("cache: {staleFor: PT-1S}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cache.staleFor").hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> load("server: {shutdownGrace: PT-5S}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("server.shutdownGrace").hasMessageContaining("must not be negative");
    }

    @Test
    void aChatRoutesFallbackModelsAreTakenUnderEitherSpellingButNotBoth() throws IOException {
        String route = "chat:\n  routes:\n    - {name: gpt-4o-mini, providers: [openai], %s}\n";

        assertThat(load(route.formatted("fallback_models: [llama]")).chat().routes().getFirst().fallbackModels())
                .containsExactly("llama");
        assertThat(load(route.formatted("fallbackModels: [llama, qwen]")).chat().routes().getFirst().fallbackModels())
                .containsExactly("llama", "qwen");
        assertThatThrownBy(() -> load(route.formatted("fallbackModels: [llama], fallback_models: [qwen]")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("chat.routes[gpt-4o-mini]").hasMessageContaining("give one of them");
    }

    private GatewayConfig load(String yaml) throws IOException {
        return ConfigLoader.load(Files.writeString(dir.resolve("embedgate.yaml"), yaml));
    }
}
