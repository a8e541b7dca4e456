package dev.embedgate.memory.pgvector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.embedgate.memory.HnswSettings;
import dev.embedgate.store.Database;
import dev.embedgate.store.TestServices;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What opening the store asks of the database, and what it says when the database falls short. */
class PgVectorSchemaTest {

    @Test
    void pgvectorVersionsCompareByNumber() {
        assertThat(PgVectorSchema.atLeast("0.8.0", "0.8.0")).isTrue();
        assertThat(PgVectorSchema.atLeast("0.10.1", "0.8.0")).isTrue();
        assertThat(PgVectorSchema.atLeast("1.0", "0.8.0")).isTrue();
        assertThat(PgVectorSchema.atLeast("0.7.4", "0.8.0")).isFalse();
        assertThat(PgVectorSchema.atLeast("0.8", "0.8.0")).isTrue();
    }

    @Test
    void aSearchPathWithoutPgvectorsSchemaIsRefusedWithTheFix() {
        try (var pgvector = new PgVectorTestDatabase(); TestServices.Schema bare = TestServices.postgresSchema();
             Database database = Database.postgres(TestServices.POSTGRES_URL + "?currentSchema=" + bare.name(),
                     TestServices.POSTGRES_USER, null, 2)) {
            assertThatThrownBy(() -> PgVectorMemoryStore.open(database, HnswSettings.DEFAULT))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("schema 'public'")
                    .hasMessageContaining("search_path");
        }
    }

    @Test
    void sqliteIsRefused(@TempDir Path folder) {
        try (Database database = Database.sqlite(folder)) {
            assertThatThrownBy(() -> PgVectorMemoryStore.open(database, HnswSettings.DEFAULT))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs PostgreSQL");
        }
    }

    @Test
    void theStoresMigrationsKeepTheirOwnHistoryBesideTheOperationalTables() throws Exception {
        try (var pgvector = new PgVectorTestDatabase()) {
            pgvector.open(HnswSettings.DEFAULT);
            pgvector.open(HnswSettings.DEFAULT); // a second start migrates nothing
            try (var connection = pgvector.connect()) {
                assertThat(Sql.text(connection, "SELECT string_agg(version || ':' || success, ',' ORDER BY"
                        + " installed_rank) FROM flyway_memory_history")).isEqualTo("0:true,1:true,2:true");
                assertThat(Sql.text(connection, "SELECT count(*) FROM flyway_schema_history WHERE script LIKE"
                        + " '%memories%'")).isEqualTo("0");
                assertThat(Sql.text(connection, "SELECT to_regclass('embedding_cache')::text")).isNotNull();
            }
        }
    }
}
