package dev.embedgate.server.migration;

import dev.embedgate.store.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Migrations over HTTP on PostgreSQL + pgvector, in a fresh schema per test. */
class PostgresMigrationFlowTest extends MigrationFlowContract {

    private TestServices.Schema schema;

    @BeforeEach
    void createSchema() {
        schema = TestServices.pgvectorSchema();
    }

    @AfterEach
    void dropSchema() {
        schema.close();
    }

    @Override
    protected String storeYaml() {
        return "store: {postgres: {url: \"" + schema.url() + "\", user: " + TestServices.POSTGRES_USER + "}}\n";
    }
}
