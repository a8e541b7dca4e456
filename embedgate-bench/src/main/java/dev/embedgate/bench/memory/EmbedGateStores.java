package dev.embedgate.bench.memory;

import dev.embedgate.memory.HnswSettings;
import dev.embedgate.memory.lucene.LuceneMemoryStore;
import dev.embedgate.memory.pgvector.PgVectorMemoryStore;
import dev.embedgate.store.Database;
import java.nio.file.Path;

/**
 * EmbedGate's two memory stores, opened as the server opens them: Lucene in a folder of its own, pgvector in the
 * operational database (a pool of {@code connections}, the store's tables migrated beside the operational ones).
 * And the server configuration that selects each, for the runs over HTTP.
 */
public final class EmbedGateStores {

    private EmbedGateStores() {
    }

    public static OpenedStore lucene(Path folder, HnswSettings settings) {
        return new OpenedStore(LuceneMemoryStore.open(folder, settings), null);
    }

    public static OpenedStore pgvector(PgSchema schema, HnswSettings settings, int connections) {
        Database database = Database.postgres(schema.url(), schema.user(), null, connections);
        try {
            return new OpenedStore(PgVectorMemoryStore.open(database, settings), database);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** The server's configuration for memories in Lucene, under its data folder. */
    static String luceneServerConfig(HnswSettings settings) {
        return "memory:\n  store: lucene\n" + hnsw(settings);
    }

    /** The server's configuration for memories (and its operational tables) in the schema. */
    static String pgvectorServerConfig(PgSchema schema, HnswSettings settings) {
        return "store:\n  postgres:\n    url: \"" + schema.url() + "\"\n    user: " + schema.user() + "\n"
                + "memory:\n  store: postgres\n" + hnsw(settings);
    }

    private static String hnsw(HnswSettings settings) {
        return "  hnsw: {m: " + settings.m() + ", efConstruction: " + settings.efConstruction() + ", efSearch: "
                + settings.efSearch() + "}\n";
    }
}
