package dev.embedgate.memory.pgvector;

import dev.embedgate.memory.HnswSettings;
import dev.embedgate.memory.MemoryStore;
import dev.embedgate.memory.MemoryStoreContract;
import org.junit.jupiter.api.AfterEach;

/** The shared contract on PostgreSQL + pgvector, in a fresh schema per test, and what only this store does. */
class PgVectorMemoryStoreTest extends MemoryStoreContract {

    /** Not the defaults, so that a test can tell they were used. */
    static final HnswSettings SETTINGS = new HnswSettings(12, 48, 64);

    private PgVectorTestDatabase database;

    @Override
    protected MemoryStore open() {
        if (database == null) {
            database = new PgVectorTestDatabase();
        }
        return database.open(SETTINGS);
    }

    @AfterEach
    void dropSchema() {
        if (database != null) {
            database.close();
        }
    }
}
