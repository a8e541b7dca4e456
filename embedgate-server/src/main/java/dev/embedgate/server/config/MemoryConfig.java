package dev.embedgate.server.config;

import dev.embedgate.memory.HnswSettings;
import dev.embedgate.memory.MemorySettings;
import dev.embedgate.memory.migration.MigrationSettings;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The vector memory ({@code /v1/memories}, {@code /v1/spaces}).
 *
 * @param store           {@code lucene} (files under the data folder), {@code postgres} (PostgreSQL + pgvector, in
 *                        {@code store.postgres}'s database), {@code off}; unset: {@code postgres} when
 *                        {@code store.postgres} is set, else {@code lucene}
 * @param model           the model (or space id) new namespaces start in; unset: {@code models.default}
 * @param hnsw            the vector indexes' HNSW settings
 * @param maxBatch        most memories in one save (default 2,048)
 * @param maxContentChars longest content, and query, accepted (default 100,000 characters)
 * @param worker          the background worker that embeds memories saved while their space could not serve
 * @param migrations      how this instance works on re-embedding migrations
 */
public record MemoryConfig(String store, String model, Hnsw hnsw, Integer maxBatch, Integer maxContentChars,
                           Worker worker, Migrations migrations) {

    static final MemoryConfig DEFAULT = new MemoryConfig(null, null, null, null, null, null, null);

    public MemoryConfig {
        store = store == null ? null : store.toLowerCase(Locale.ROOT);
        // YAML reads an unquoted off as the boolean false.
        store = "false".equals(store) ? "off" : store;
        ConfigChecks.require(store == null || store.equals("lucene") || store.equals("postgres") || store.equals("off"),
                "memory.store", "must be lucene, postgres or off, was " + store);
        hnsw = Objects.requireNonNullElse(hnsw, Hnsw.DEFAULT);
        maxBatch = Objects.requireNonNullElse(maxBatch, MemorySettings.DEFAULT.maxBatch());
        maxContentChars = Objects.requireNonNullElse(maxContentChars, MemorySettings.DEFAULT.maxContentChars());
        worker = Objects.requireNonNullElse(worker, Worker.DEFAULT);
        migrations = Objects.requireNonNullElse(migrations, Migrations.DEFAULT);
        ConfigChecks.require(maxBatch > 0, "memory.maxBatch", "must be positive, was " + maxBatch);
        ConfigChecks.require(maxContentChars > 0, "memory.maxContentChars", "must be positive, was " + maxContentChars);
    }

    /** The store in use, given whether the operational tables are on PostgreSQL. */
    public String resolvedStore(boolean postgresConfigured) {
        if (store != null) {
            return store;
        }
        return postgresConfigured ? "postgres" : "lucene";
    }

    public MemorySettings settings() {
        return new MemorySettings(model, maxBatch, maxContentChars, worker.batch(), worker.idle(), worker.maxBackoff());
    }

    /** See {@link HnswSettings}; unset fields keep its defaults. */
    public record Hnsw(Integer m, Integer efConstruction, Integer efSearch) {
        static final Hnsw DEFAULT = new Hnsw(null, null, null);

        public Hnsw {
            m = Objects.requireNonNullElse(m, HnswSettings.DEFAULT.m());
            efConstruction = Objects.requireNonNullElse(efConstruction, HnswSettings.DEFAULT.efConstruction());
            efSearch = Objects.requireNonNullElse(efSearch, HnswSettings.DEFAULT.efSearch());
            try {
                new HnswSettings(m, efConstruction, efSearch);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("configuration key 'memory.hnsw': " + e.getMessage(), e);
            }
        }

        public HnswSettings settings() {
            return new HnswSettings(m, efConstruction, efSearch);
        }
    }

    /**
     * @param batch      memories per embedding call (default 64)
     * @param idle       how long it sleeps when nothing is pending (default 30 s; a save that leaves work wakes it)
     * @param maxBackoff the longest it waits after its providers failed (default 2 min)
     */
    public record Worker(Integer batch, Duration idle, Duration maxBackoff) {
        static final Worker DEFAULT = new Worker(null, null, null);

        public Worker {
            batch = Objects.requireNonNullElse(batch, MemorySettings.DEFAULT.workerBatch());
            idle = Objects.requireNonNullElse(idle, MemorySettings.DEFAULT.workerIdle());
            maxBackoff = Objects.requireNonNullElse(maxBackoff, MemorySettings.DEFAULT.workerMaxBackoff());
            ConfigChecks.require(batch > 0, "memory.worker.batch", "must be positive, was " + batch);
            ConfigChecks.require(idle.toMillis() > 0, "memory.worker.idle", "must be at least 1ms, was " + idle);
            ConfigChecks.require(maxBackoff.toMillis() > 0, "memory.worker.maxBackoff",
                    "must be at least 1ms, was " + maxBackoff);
        }
    }

    /**
     * @param workers          threads per running migration on this instance (default 2)
     * @param lease            how long a worker holds the memories it claimed; another instance takes over a dead
     *                         one's after it (default 2m)
     * @param poll             how often migrations started or changed elsewhere are looked for (default 1s)
     * @param maxAttempts      tries of a memory the provider refuses before it is listed as failed (default 4)
     * @param retryBackoff     wait before a failed memory's next try, doubled per try (default 2s)
     * @param maxOutageBackoff longest wait between tries while the target's providers are down (default 1m)
     */
    public record Migrations(Integer workers, Duration lease, Duration poll, Integer maxAttempts, Duration retryBackoff,
                             Duration maxOutageBackoff) {
        static final Migrations DEFAULT = new Migrations(null, null, null, null, null, null);

        public MigrationSettings settings() {
            MigrationSettings defaults = MigrationSettings.DEFAULTS;
            try {
                return new MigrationSettings(Objects.requireNonNullElse(workers, defaults.workers()),
                        Objects.requireNonNullElse(lease, defaults.lease()),
                        Objects.requireNonNullElse(poll, defaults.poll()),
                        Objects.requireNonNullElse(maxAttempts, defaults.maxAttempts()),
                        Objects.requireNonNullElse(retryBackoff, defaults.retryBackoff()),
                        Objects.requireNonNullElse(maxOutageBackoff, defaults.maxOutageBackoff()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("memory.migrations: " + e.getMessage(), e);
            }
        }
    }
}
