package dev.embedgate.server.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedgate.server.routes.ConfiguredModel;
import dev.embedgate.server.routes.SupportedDimensions;
import dev.embedgate.space.Pooling;
import dev.embedgate.store.Database;
import dev.embedgate.store.keys.JdbcApiKeyStore;
import dev.embedgate.store.keys.KeyScope;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Creating, listing and revoking gateway API keys in the embedded SQLite store. */
class KeyServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-02T09:30:00Z");
    private static final List<ConfiguredModel> MODELS = List.of(model("a-model", List.of()),
            model("org/b-model", List.of("b-model")));

    @TempDir
    Path dataDir;

    private Database database;
    private KeyService keys;

    @BeforeEach
    void openStore() {
        database = Database.sqlite(dataDir);
        keys = new KeyService(new JdbcApiKeyStore(database, Clock.fixed(NOW, ZoneOffset.UTC)), () -> MODELS);
    }

    @AfterEach
    void closeStore() {
        database.close();
    }

    @Test
    void createdKeyIsListedWithoutItsSecretAndRevokedOnce() {
        CreatedKey created = keys.create("search team", KeyScope.TENANT, Set.of("b-model", "a-model"), 600,
                new BigDecimal("2.5"), null);

        List<KeySummary> listed = keys.list();
        boolean revoked = keys.revoke(created.key().id());
        boolean revokedAgain = keys.revoke(created.key().id());

        assertThat(created.secret()).startsWith("egk_").hasSizeGreaterThan(40);
        assertThat(created.toString()).doesNotContain(created.secret());
        assertThat(listed).containsExactly(new KeySummary(created.key().id(), "search team", "tenant", NOW, null,
                List.of("a-model", "b-model"), List.of(), 600, new BigDecimal("2.5"), null));
        assertThat(revoked).isTrue();
        assertThat(revokedAgain).as("only a valid key can be revoked").isFalse();
        assertThat(keys.list()).singleElement().satisfies(key -> {
            assertThat(key.revoked()).isTrue();
            assertThat(key.revokedAt()).isEqualTo(NOW);
        });
    }

    @Test
    void anAdminKeyIsListedWithItsScope() {
        keys.create("operators", KeyScope.ADMIN, Set.of(), null, null, null);

        assertThat(keys.list()).singleElement().extracting(KeySummary::scope).isEqualTo("admin");
    }

    @Test
    void aKeyLimitedToModelsThatAreNotConfiguredIsRefusedWithTheConfiguredOnes() {
        assertThatThrownBy(() -> keys.create("typo", KeyScope.TENANT, Set.of("a-model", "b-modle"), null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model 'b-modle' is not configured; configured models: a-model, org/b-model (b-model)");
        assertThatThrownBy(() -> keys.create("typos", KeyScope.TENANT, Set.of("x", "y"), null, null, null))
                .hasMessageStartingWith("models 'x', 'y' are not configured; configured models: a-model");

        assertThat(keys.list()).as("nothing was created").isEmpty();
    }

    @Test
    void revokingAnUnknownKeySaysSo() {
        assertThat(keys.revoke("key_000000000000")).isFalse();
    }

    @Test
    void summarySerialisesWithSnakeCaseFieldsAndNoSecret() {
        CreatedKey created = keys.create("dashboard", KeyScope.TENANT, Set.of(), null, null, new BigDecimal("100"));

        JsonNode listed = new ObjectMapper().valueToTree(keys.list().getFirst());

        assertThat(listed.get("created_at").asText()).isEqualTo("2026-11-02T09:30:00Z");
        assertThat(listed.get("revoked_at").isNull()).isTrue();
        assertThat(listed.get("monthly_budget_usd").decimalValue()).isEqualByComparingTo("100");
        assertThat(listed.get("allowed_models")).isEmpty();
        assertThat(listed.toString()).doesNotContain(created.secret());
    }

    private static ConfiguredModel model(String name, List<String> aliases) {
        return new ConfiguredModel(name, aliases, name + "@v1", 3, new SupportedDimensions(null, null, List.of(3)), 512,
                Pooling.MEAN, List.of(name), List.of(), false);
    }
}
