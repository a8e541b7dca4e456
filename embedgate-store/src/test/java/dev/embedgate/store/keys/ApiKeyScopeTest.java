package dev.embedgate.store.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.store.Database;
import dev.embedgate.store.StoreKind;
import dev.embedgate.store.TestServices;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A key's scope (tenant or admin), stored with the key, on SQLite and on PostgreSQL; and migration V3, which gives
 * every key made before it the tenant scope.
 */
class ApiKeyScopeTest {

    @TempDir
    Path folder;
    private final List<TestServices.Schema> schemas = new ArrayList<>();
    private Database database;

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
        schemas.forEach(TestServices.Schema::close);
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void theScopeIsStoredWithTheKeyAndFoundWithItsSecret(StoreKind kind) {
        database = kind.open(folder, schemas);
        var keys = new JdbcApiKeyStore(database, Clock.systemUTC());

        NewApiKey admin = keys.create("operators", KeyScope.ADMIN, Set.of(), null, null, null);
        NewApiKey tenant = keys.create("search team", KeyScope.TENANT, Set.of("m"), 60, null, null);

        assertThat(keys.findValid(admin.secret())).hasValueSatisfying(key -> assertThat(key.admin()).isTrue());
        assertThat(keys.findValid(tenant.secret())).hasValueSatisfying(key -> {
            assertThat(key.scope()).isEqualTo(KeyScope.TENANT);
            assertThat(key.allowedModels()).containsExactly("m");
            assertThat(key.requestsPerMinute()).isEqualTo(60);
        });
        assertThat(keys.list()).extracting(ApiKey::scope).containsExactlyInAnyOrder(KeyScope.ADMIN, KeyScope.TENANT);
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void keysMadeBeforeScopesBecomeTenantKeys(StoreKind kind) throws SQLException {
        String url = version2Database(kind);
        try (Connection connection = DriverManager.getConnection(url, user(kind), null);
             Statement insert = connection.createStatement()) {
            insert.executeUpdate("INSERT INTO api_keys (id, name, key_hash, created_at, allowed_models) VALUES "
                    + "('key_0123456789ab', 'made before scopes', '" + "0".repeat(64) + "', 1700000000000, 'm')");
        }

        database = kind == StoreKind.SQLITE ? Database.sqlite(folder) : schemas.getFirst().open();

        assertThat(new JdbcApiKeyStore(database, Clock.systemUTC()).list()).singleElement().satisfies(key -> {
            assertThat(key.id()).isEqualTo("key_0123456789ab");
            assertThat(key.scope()).isEqualTo(KeyScope.TENANT);
            assertThat(key.allowedModels()).containsExactly("m");
        });
    }

    /** An empty database migrated to V2 only; its JDBC URL. */
    private String version2Database(StoreKind kind) {
        String url;
        if (kind == StoreKind.SQLITE) {
            url = "jdbc:sqlite:" + folder.resolve(Database.SQLITE_FILE).toAbsolutePath();
        } else {
            TestServices.Schema schema = TestServices.postgresSchema();
            schemas.add(schema);
            url = schema.url();
        }
        Flyway.configure().dataSource(url, user(kind), null).locations("classpath:db/migration").target("2").load()
                .migrate();
        return url;
    }

    private static String user(StoreKind kind) {
        return kind == StoreKind.SQLITE ? null : TestServices.POSTGRES_USER;
    }
}
