package dev.embedgate.server.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the operational tables (persistent cache, usage ledger, gateway API keys) live: SQLite in the data folder
 * (the embedded default), or PostgreSQL when {@code postgres} is set.
 *
 * @param dataDir  the embedded default's folder for everything it persists; {@code serve --data-dir} overrides it
 * @param postgres a PostgreSQL server instead of the embedded SQLite, or null
 */
public record StoreConfig(Path dataDir, Postgres postgres) {

    /** {@code ./embedgate-data}, relative to where the server starts. */
    public static final Path DEFAULT_DATA_DIR = Path.of("embedgate-data");
    static final StoreConfig DEFAULT = new StoreConfig(null, null);

    public StoreConfig {
        dataDir = Objects.requireNonNullElse(dataDir, DEFAULT_DATA_DIR);
    }

    public StoreConfig withDataDir(Path newDataDir) {
        return new StoreConfig(newDataDir, postgres);
    }

    /**
     * @param url            e.g. {@code jdbc:postgresql://127.0.0.1:5432/embedgate}
     * @param user           null for the driver's default
     * @param passwordEnv    the environment variable holding the password (never the file); null for none
     * @param maxConnections pool size
     */
    public record Postgres(String url, String user, String passwordEnv, Integer maxConnections) {
        public Postgres {
            ConfigChecks.require(url != null && url.startsWith("jdbc:postgresql:"), "store.postgres.url",
                    "must be a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/database), was " + url);
            maxConnections = Objects.requireNonNullElse(maxConnections, 10);
            ConfigChecks.require(maxConnections > 0, "store.postgres.maxConnections", "must be positive");
        }
    }
}
