package dev.embedgate.store;

import java.nio.file.Path;

/** The two databases every operational-table test runs on. */
public enum StoreKind {
    SQLITE, POSTGRESQL;

    /**
     * Opens the database of this kind, empty: SQLite in {@code folder}, PostgreSQL in a fresh schema that
     * {@code schemas} collects for dropping.
     */
    public Database open(Path folder, java.util.List<TestServices.Schema> schemas) {
        if (this == SQLITE) {
            return Database.sqlite(folder);
        }
        TestServices.Schema schema = TestServices.postgresSchema();
        schemas.add(schema);
        return schema.open();
    }
}
