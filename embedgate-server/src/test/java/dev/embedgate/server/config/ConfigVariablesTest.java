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

/** {@code ${VAR}} and {@code ${VAR:-default}} in the values of a configuration file. */
class ConfigVariablesTest {

    private static final String SECRET = "s3cr3t-Passw0rd-value";

    @TempDir
    Path dir;

    @Test
    void variablesAreExpandedInStringsAndReadAsTheKeysType() throws IOException {
        GatewayConfig config = load("""
                server:
                  host: ${HOST}
                  port: ${PORT}
                auth:
                  enabled: ${AUTH_ON:-false}
                  openPaths: ["${HEALTH_PATH:-/health}", /ready]
                store:
                  postgres:
                    url: jdbc:postgresql://${DB_HOST:-127.0.0.1}:5432/embedgate
                """, Map.of("HOST", "127.0.0.1", "PORT", "9100", "AUTH_ON", "true"));

        assertThat(config.server().host()).isEqualTo("127.0.0.1");
        assertThat(config.server().port()).isEqualTo(9100);
        assertThat(config.auth().enabled()).isTrue();
        assertThat(config.auth().openPaths()).containsExactly("/health", "/ready");
        assertThat(config.store().postgres().url()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/embedgate");
    }

    @Test
    void theDefaultServesWhenTheVariableIsUnsetOrEmpty() throws IOException {
        String yaml = "server:\n  port: ${PORT:-9200}\n";

        assertThat(load(yaml, Map.of()).server().port()).isEqualTo(9200);
        assertThat(load(yaml, Map.of("PORT", "")).server().port()).isEqualTo(9200);
        assertThat(load(yaml, Map.of("PORT", "9300")).server().port()).isEqualTo(9300);
    }

    @Test
    void aMissingVariableWithoutDefaultStopsStartUpNamingItTheKeyAndWhere() {
        assertThatThrownBy(() -> load("limits:\n  maxInputs: 10\nserver:\n  port: ${EMBEDGATE_PORT}\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("configuration file " + dir.resolve("embedgate.yaml") + ":4:9: key 'server.port': the "
                        + "variable EMBEDGATE_PORT is not set; set it, or give a default: ${EMBEDGATE_PORT:-value}");
    }

    @Test
    void doubleDollarWritesALiteralReference() throws IOException {
        GatewayConfig config = load("models:\n  default: \"$${NOT_A_VARIABLE}-and-${NAME}\"\n", Map.of("NAME", "x"));

        assertThat(config.models().defaultModel()).isEqualTo("${NOT_A_VARIABLE}-and-x");
    }

    @Test
    void aMalformedReferenceIsRefusedWhereItIs() {
        assertThatThrownBy(() -> load("server:\n  host: ${HOST\n", Map.of("HOST", "h")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("embedgate.yaml:2:9: key 'server.host': '${' is not closed by '}'");
        assertThatThrownBy(() -> load("server:\n  host: ${1HOST}\n", Map.of()))
                .hasMessageContaining("'${1HOST}' does not name a variable");
    }

    @Test
    void onlyTheChosenProfileIsExpanded() throws IOException {
        String yaml = "server: {port: 9000}\nprofiles:\n  production:\n    server: {port: \"${PRODUCTION_PORT}\"}\n";

        assertThat(load(yaml, Map.of()).server().port()).isEqualTo(9000);
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("embedgate.yaml"), "production",
                new ProviderEnvironment(Map.of())))
                .hasMessageContaining("embedgate.yaml:4:20: key 'server.port': the variable PRODUCTION_PORT is not set");
    }

    @Test
    void aValueAVariableGaveNeverAppearsInAnErrorItsNameDoes() {
        assertThatThrownBy(() -> load("server:\n  port: ${DB_PASSWORD}\n", Map.of("DB_PASSWORD", SECRET)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("embedgate.yaml:2:9: key 'server.port' has the wrong type")
                .hasMessageContaining("${DB_PASSWORD}")
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> load("server:\n  admin:\n    allowFrom: [\"${ADMIN_NET}\"]\n",
                Map.of("ADMIN_NET", SECRET)))
                .hasMessageContaining("server.admin.allowFrom").hasMessageContaining("${ADMIN_NET}")
                .hasMessageNotContaining(SECRET);
    }

    private GatewayConfig load(String yaml, Map<String, String> variables) throws IOException {
        return ConfigLoader.load(Files.writeString(dir.resolve("embedgate.yaml"), yaml), null,
                new ProviderEnvironment(variables));
    }
}
