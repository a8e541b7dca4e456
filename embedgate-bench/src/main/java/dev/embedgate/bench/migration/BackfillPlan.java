package dev.embedgate.bench.migration;

import java.util.List;

/**
 * How the backfill comparison runs: a migration from all-MiniLM-L6-v2 to the in-process bge-small-en-v1.5 against
 * the raw embedder on the same texts.
 *
 * @param memories     memories each migration backfills (corpus texts taken at even steps, so the length mix is kept)
 * @param batchSize    memories per migration batch, and texts per raw embedder request
 * @param workers      migration workers ({@code memory.migrations.workers}), and concurrent raw callers
 * @param rounds       measured raw runs and migration runs each, taking turns
 * @param warmUp       memories of the unmeasured warm-up (one raw run and one migration first, per store), the first
 *                     of the measured texts
 * @param stores       the stores measured, some of {@link #LUCENE} and {@link #PGVECTOR}
 * @param postgresUrl  the database of the pgvector store (a JDBC URL without parameters); a fresh schema per run
 * @param postgresUser its user (trust authentication)
 */
public record BackfillPlan(int memories, int batchSize, int workers, int rounds, int warmUp, List<String> stores,
                           String postgresUrl, String postgresUser) {

    public static final String LUCENE = "lucene";
    public static final String PGVECTOR = "pgvector";

    public BackfillPlan {
        stores = List.copyOf(stores);
        if (memories < 1 || batchSize < 1 || workers < 1 || rounds < 1 || warmUp < 1 || warmUp > memories
                || stores.isEmpty()) {
            throw new IllegalArgumentException("a backfill plan needs positive sizes, a warm-up of at most the memories "
                    + "and at least one store");
        }
        for (String store : stores) {
            if (!store.equals(LUCENE) && !store.equals(PGVECTOR)) {
                throw new IllegalArgumentException("stores are " + LUCENE + " and " + PGVECTOR + ", got '" + store + "'");
            }
        }
    }
}
