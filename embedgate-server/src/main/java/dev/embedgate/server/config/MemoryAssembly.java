package dev.embedgate.server.config;

import dev.embedgate.embedding.Caller;
import dev.embedgate.embedding.EmbeddingService;
import dev.embedgate.files.OwnerOnly;
import dev.embedgate.memory.MemoryService;
import dev.embedgate.memory.MemoryStore;
import dev.embedgate.memory.lucene.LuceneMemoryStore;
import dev.embedgate.memory.migration.MigrationSettings;
import dev.embedgate.memory.pgvector.PgVectorMemoryStore;
import dev.embedgate.server.memory.MemoryParts;
import dev.embedgate.server.memory.SpacesService;
import dev.embedgate.store.Database;
import dev.embedgate.store.keys.ApiKey;
import dev.embedgate.store.keys.JdbcApiKeyStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;

/** Opens the memory the configuration asks for: its store, and the service over the gateway's embedding pipeline. */
final class MemoryAssembly {

    /** The folder under the data folder that holds the Lucene store. */
    static final String LUCENE_FOLDER = "memories";

    private MemoryAssembly() {
    }

    /** The memory, or null when {@code memory.store} is {@code off}. */
    static MemoryParts open(GatewayConfig config, Database database, EmbeddingService embeddings, Clock clock) {
        MemoryConfig memory = config.memory();
        MigrationSettings migrations = memory.migrations().settings();
        String kind = memory.resolvedStore(config.store().postgres() != null);
        if (kind.equals("off")) {
            return null;
        }
        MemoryStore store = store(kind, memory, config.store(), database);
        try {
            var keys = new JdbcApiKeyStore(database, clock);
            var service = new MemoryService(store, embeddings, memory.settings(), migrations, keyId -> callerOf(keys,
                    keyId), clock);
            return new MemoryParts(service, new SpacesService(service, embeddings.registry()), store);
        } catch (RuntimeException e) {
            store.close();
            throw new ConfigException("memory: " + e.getMessage(), e);
        }
    }

    /** A migration is billed to, and limited as, the key it was started with (if it still exists). */
    private static Caller callerOf(JdbcApiKeyStore keys, String keyId) {
        if (keyId.isEmpty()) {
            return Caller.ANONYMOUS;
        }
        return keys.list().stream().filter(key -> key.id().equals(keyId)).findFirst().map(ApiKey::caller)
                .orElse(new Caller(keyId, Set.of(), null, null));
    }

    private static MemoryStore store(String kind, MemoryConfig memory, StoreConfig storeConfig, Database database) {
        if (kind.equals("postgres")) {
            if (!database.postgres()) {
                throw new ConfigException("memory.store: postgres keeps memories in store.postgres's database; set "
                        + "store.postgres, or use memory.store: lucene");
            }
            try {
                return PgVectorMemoryStore.open(database, memory.hnsw().settings());
            } catch (RuntimeException e) {
                throw new ConfigException("memory.store: the pgvector memory store cannot be opened: " + e.getMessage()
                        + " (is the vector extension installed? scripts/provision-pgvector.sh builds it)", e);
            }
        }
        Path folder = storeConfig.dataDir().resolve(LUCENE_FOLDER);
        try {
            OwnerOnly.folder(folder);
            return LuceneMemoryStore.open(folder, memory.hnsw().settings());
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("memory.store: the Lucene memory store in " + folder + " cannot be opened: "
                    + e.getMessage(), e);
        }
    }
}
