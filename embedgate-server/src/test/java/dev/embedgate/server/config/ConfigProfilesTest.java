package dev.embedgate.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.embedgate.provider.ProviderEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Profiles: named sections of one file, merged over its common part; mistakes named with their file and line. */
class ConfigProfilesTest {

    private static final String FILE = """
            server:
              port: 9000
              admin: {allowFrom: [loopback, 10.0.0.0/8]}
            auth: {openPaths: [/health, /ready, /metrics]}
            profiles:
              local:
                server: {port: 8081}
              production:
                server:
                  host: 127.0.0.1
                  admin: {allowFrom: [192.168.0.0/16]}
                auth:
                  enabled: true
                  openPaths: [/health]
            """;

    @TempDir
    Path dir;

    @Test
    void withoutAProfileTheCommonPartAloneIsRead() throws IOException {
        GatewayConfig config = load(FILE, null);

        assertThat(config.server().port()).isEqualTo(9000);
        assertThat(config.auth().enabled()).isFalse();
    }

    @Test
    void aProfileIsMergedOverTheCommonPartMappingsKeyByKeyListsWhole() throws IOException {
        GatewayConfig production = load(FILE, "production");
        GatewayConfig local = load(FILE, "local");

        assertThat(production.server().port()).as("kept from the common part").isEqualTo(9000);
        assertThat(production.server().host()).isEqualTo("127.0.0.1");
        assertThat(production.server().admin().allowFrom()).as("a list is replaced").containsExactly("192.168.0.0/16");
        assertThat(production.auth().enabled()).isTrue();
        assertThat(production.auth().openPaths()).containsExactly("/health");
        assertThat(local.server().port()).isEqualTo(8081);
        assertThat(local.server().admin().allowFrom()).containsExactly("loopback", "10.0.0.0/8");
        assertThat(local.auth().enabled()).isFalse();
    }

    @Test
    void anUnknownProfileStopsStartUpNamingTheProfilesThereAre() {
        assertThatThrownBy(() -> load(FILE, "staging"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("configuration file " + dir.resolve("embedgate.yaml") + " has no profile 'staging'; "
                        + "its profiles: local, production");
        assertThatThrownBy(() -> load("server: {port: 9000}\n", "staging"))
                .hasMessageEndingWith("has no profile 'staging'; it defines none (a 'profiles' section names them)");
        assertThatThrownBy(() -> ConfigLoader.load(null, "staging", new ProviderEnvironment(Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("the profile 'staging' is asked for, but no configuration file is given");
    }

    @Test
    void aMistakeInTheChosenProfileIsReportedWhereItIsWritten() {
        String file = FILE + "  broken:\n    server:\n      prot: 1\n    limits:\n      maxInputs: many\n";

        assertThatThrownBy(() -> load(file, "broken"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("configuration file " + dir.resolve("embedgate.yaml") + ":17:7: unknown key "
                        + "'server.prot'");
        assertThatThrownBy(() -> load(file.replace("prot: 1", "port: 1"), "broken"))
                .hasMessageStartingWith("configuration file " + dir.resolve("embedgate.yaml") + ":19:18: key "
                        + "'limits.maxInputs' has the wrong type");
        assertThatThrownBy(() -> load("server:\n  port: 9000\n  prot: 1\nprofiles: {a: {}}\n", "a"))
                .as("a mistake in the common part is where it is").hasMessageContaining("embedgate.yaml:3:3: unknown key");
    }

    @Test
    void profilesMustBeMappingsOfSettingsAndCannotNest() {
        assertThatThrownBy(() -> load("server: {port: 9000}\nprofiles: [local, production]\n", null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("embedgate.yaml:2:11: 'profiles' must map profile names to settings");
        assertThatThrownBy(() -> load("profiles:\n  local: 8080\n", null))
                .hasMessageContaining("embedgate.yaml:2:10: profile 'local' must be a mapping of settings");
        assertThatThrownBy(() -> load("profiles:\n  local:\n    profiles: {inner: {}}\n", null))
                .hasMessageContaining("embedgate.yaml:3:5: profile 'local' holds profiles of its own");
    }

    private GatewayConfig load(String yaml, String profile) throws IOException {
        return ConfigLoader.load(Files.writeString(dir.resolve("embedgate.yaml"), yaml), profile,
                new ProviderEnvironment(Map.of()));
    }
}
