package dev.embedgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.provider.ProviderEnvironment;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What the command line takes from the environment besides provider keys: the profile ({@code --profile}, else
 * {@code EMBEDGATE_PROFILE}) of every command that takes {@code --config}, and whether API keys are on
 * ({@code EMBEDGATE_AUTH}), of which {@code keys create} warns when they are not.
 */
class CliEnvironmentTest {

    private static final String WARNING = "warning: API keys are off in the configuration this command ran with";

    @TempDir
    Path dir;
    private Path config;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeConfig() throws IOException {
        config = Files.writeString(dir.resolve("embedgate.yaml"), """
                models: {default: all-MiniLM-L6-v2}
                profiles:
                  bge:
                    models: {default: bge-small-en-v1.5}
                  secured:
                    auth: {enabled: true}
                """);
    }

    @Test
    void everyCommandTakingConfigTakesTheProfileFromTheFlagElseTheVariable() {
        assertThat(run(Map.of(), "models", "--config", config.toString(), "--profile", "bge")).isZero();
        String byFlag = defaultLine();
        assertThat(run(Map.of("EMBEDGATE_PROFILE", "bge"), "models", "--config", config.toString())).isZero();
        String byVariable = defaultLine();
        assertThat(run(Map.of("EMBEDGATE_PROFILE", "bge"), "models", "--config", config.toString(), "--profile",
                "secured")).isZero();
        String flagOverVariable = defaultLine();

        assertThat(byFlag).startsWith("BAAI/bge-small-en-v1.5 (default)");
        assertThat(byVariable).startsWith("BAAI/bge-small-en-v1.5 (default)");
        assertThat(flagOverVariable).startsWith("sentence-transformers/all-MiniLM-L6-v2 (default)");
        assertThat(run(Map.of(), "keys", "list", "--config", config.toString(), "--profile", "secured",
                "--data-dir", dir.resolve("data").toString())).isZero();
    }

    @Test
    void anUnknownProfileStopsTheCommandInOneLineNamingTheProfiles() {
        assertThat(run(Map.of("EMBEDGATE_PROFILE", "staging"), "models", "--config", config.toString())).isEqualTo(2);

        assertThat(err.toString().lines()).singleElement().isEqualTo("embedgate: configuration file " + config
                + " has no profile 'staging'; its profiles: bge, secured");
    }

    @Test
    void keysCreateWarnsWhenTheConfigurationItRunsWithHasKeysOff() {
        String data = dir.resolve("data").toString();

        assertThat(run(Map.of(), "keys", "create", "--data-dir", data, "--name", "a")).isZero();
        String keysOff = err.toString();
        err.getBuffer().setLength(0);
        assertThat(run(Map.of("EMBEDGATE_AUTH", "true"), "keys", "create", "--data-dir", data, "--name", "b")).isZero();
        assertThat(run(Map.of(), "keys", "create", "--config", config.toString(), "--profile", "secured",
                "--data-dir", data, "--name", "c")).isZero();
        String keysOn = err.toString();

        assertThat(keysOff.lines()).singleElement().asString().startsWith(WARNING)
                .contains("'serve --auth', EMBEDGATE_AUTH=true or auth.enabled: true");
        assertThat(out.toString()).contains("secret: egk_");
        assertThat(keysOn).isEmpty();
    }

    @Test
    void embedgateAuthTakesOnlyTrueOrFalse() {
        assertThat(run(Map.of("EMBEDGATE_AUTH", "false"), "keys", "list", "--data-dir", dir.resolve("data").toString()))
                .isZero();
        assertThat(run(Map.of("EMBEDGATE_AUTH", "yes"), "keys", "list", "--data-dir", dir.resolve("data").toString()))
                .isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("embedgate: the variable EMBEDGATE_AUTH must be true or false");
    }

    private int run(Map<String, String> environment, String... args) {
        out.getBuffer().setLength(0);
        CommandLine commandLine = EmbedGateCli.commandLine(new ProviderEnvironment(environment));
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    private String defaultLine() {
        return out.toString().lines().filter(line -> line.contains("(default)")).findFirst().orElseThrow();
    }
}
