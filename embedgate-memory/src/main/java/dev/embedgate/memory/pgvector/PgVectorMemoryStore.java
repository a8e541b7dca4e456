package dev.embedgate.memory.pgvector;

import dev.embedgate.memory.HnswSettings;
import dev.embedgate.memory.KeywordQuery;
import dev.embedgate.memory.Memory;
import dev.embedgate.memory.MemoryFilter;
import dev.embedgate.memory.MemoryPatch;
import dev.embedgate.memory.MemoryStats;
import dev.embedgate.memory.MemoryStore;
import dev.embedgate.memory.MemoryVector;
import dev.embedgate.memory.PendingCursor;
import dev.embedgate.memory.ScoredMemory;
import dev.embedgate.memory.VectorQuery;
import dev.embedgate.memory.migration.MigrationStore;
import dev.embedgate.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The memory store on PostgreSQL + pgvector, for server deployments. Memories live in {@code memories} (metadata as
 * jsonb, a generated english tsvector for keyword search); each embedding space has a vector table of its own
 * ({@code vector(d)}, {@code halfvec(d)} above 2,000 dimensions) with an HNSW index (cosine, the configured {@code m}
 * and {@code ef_construction}); {@code match_memories(space, query_vector, k, filter, within_namespace)} serves
 * callers that query the database directly. The schema comes from the store's own Flyway migrations
 * ({@code classpath:db/memory/postgresql}, history in {@code flyway_memory_history}). Its migrations
 * ({@link #migrations()}) are kept in the same database, so that every gateway instance on it shares them.
 *
 * <p>It shares the pool of the database it is opened on, and does not close it. Thread-safe.
 */
public final class PgVectorMemoryStore implements MemoryStore {

    private final MemoryDatabase database;
    private final String description;
    private final SpaceRegistry spaces;
    private final MemoryWriter writer;
    private final VectorSearch vectors;
    private final TextSearch text;
    private final MemoryCounts counts;
    private final ActiveSpaces active;
    private final PgMigrationStore migrations;

    private PgVectorMemoryStore(DataSource dataSource, String where, HnswSettings settings) {
        this.database = new MemoryDatabase(dataSource);
        this.description = "pgvector memory in " + where;
        this.spaces = new SpaceRegistry(database, settings);
        database.onUndefinedTable(spaces::forgetAll);
        this.writer = new MemoryWriter(database);
        this.vectors = new VectorSearch(database, settings);
        this.text = new TextSearch(database);
        this.counts = new MemoryCounts(database);
        this.active = new ActiveSpaces(database, spaces);
        this.migrations = new PgMigrationStore(database, spaces, writer);
    }

    /**
     * The store in the operational database (PostgreSQL), sharing its pool, with its tables migrated.
     *
     * @throws IllegalArgumentException when the database is SQLite
     * @throws IllegalStateException    when pgvector is missing or not on the connections' search_path
     */
    public static PgVectorMemoryStore open(Database database, HnswSettings settings) {
        if (!database.postgres()) {
            throw new IllegalArgumentException("the pgvector memory store needs PostgreSQL, not " + database.description());
        }
        return open(database.dataSource(), database.description(), settings);
    }

    /**
     * The store over any PostgreSQL data source, with its tables migrated.
     *
     * @param where where the data lives, for {@link #description()} (no credentials)
     */
    public static PgVectorMemoryStore open(DataSource dataSource, String where, HnswSettings settings) {
        Objects.requireNonNull(settings, "settings");
        PgVectorSchema.migrate(dataSource);
        return new PgVectorMemoryStore(dataSource, where, settings);
    }

    @Override
    public void addSpace(String space, int dimensions) {
        spaces.add(space, dimensions);
    }

    @Override
    public Optional<String> activeSpace(String namespace) {
        return active.of(namespace);
    }

    @Override
    public String activeSpaceOrSet(String namespace, String space) {
        return active.orSet(namespace, space);
    }

    @Override
    public List<String> activeSpaces() {
        return active.all();
    }

    @Override
    public void setActiveSpace(String namespace, String space) {
        active.set(namespace, space);
    }

    @Override
    public void setActiveSpaces(Map<String, String> spaceByNamespace) {
        active.set(spaceByNamespace);
    }

    @Override
    public List<String> namespaces() {
        return active.namespaces();
    }

    @Override
    public long dropSpace(String space) {
        return spaces.drop(space);
    }

    @Override
    public MigrationStore migrations() {
        return migrations;
    }

    @Override
    public List<Memory> save(List<Memory> memories) {
        return writer.save(memories);
    }

    @Override
    public Optional<Memory> get(String namespace, String id) {
        return database.run("reading a memory", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + MemoryRows.COLUMNS
                    + " FROM memories m WHERE m.namespace = ? AND m.id = ?")) {
                select.setString(1, namespace);
                select.setString(2, id);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(MemoryRows.memory(row)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<Memory> update(String namespace, String id, MemoryPatch patch, Instant now) {
        return database.run("updating a memory", connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE memories m"
                    + " SET metadata = coalesce(?::jsonb, m.metadata), importance = coalesce(?, m.importance),"
                    + " updated_at = ? WHERE m.namespace = ? AND m.id = ? RETURNING " + MemoryRows.COLUMNS)) {
                update.setString(1, patch.metadata() == null ? null : patch.metadata().toJson());
                update.setObject(2, patch.importance(), Types.DOUBLE);
                update.setObject(3, MemoryRows.parameter(now));
                update.setString(4, namespace);
                update.setString(5, id);
                try (ResultSet row = update.executeQuery()) {
                    return row.next() ? Optional.of(MemoryRows.memory(row)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean delete(String namespace, String id) {
        return database.run("deleting a memory", connection -> {
            // Its vectors go with it: every vector table's foreign key cascades.
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM memories WHERE namespace = ? AND id = ?")) {
                delete.setString(1, namespace);
                delete.setString(2, id);
                return delete.executeUpdate() > 0;
            }
        });
    }

    @Override
    public long deleteWhere(String namespace, MemoryFilter filter) {
        FilterSql condition = FilterSql.of(filter);
        return database.run("deleting memories", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM memories m WHERE m.namespace = ? AND " + condition.sql())) {
                delete.setString(1, namespace);
                MemoryDatabase.bind(delete, 2, condition.parameters());
                return delete.executeLargeUpdate();
            }
        });
    }

    @Override
    public int putVectors(String space, List<MemoryVector> vectors) {
        SpaceTable table = spaces.require(space);
        return vectors.isEmpty() ? 0 : writer.putVectors(table, vectors);
    }

    @Override
    public List<Memory> pending(String space, PendingCursor after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return counts.pending(spaces.require(space), after, limit);
    }

    @Override
    public List<ScoredMemory> nearest(VectorQuery query) {
        SpaceTable table = spaces.require(query.space());
        if (query.vector().length != table.dimensions()) {
            throw new IllegalArgumentException("space '" + table.space() + "' holds vectors of " + table.dimensions()
                    + " dimensions, not " + query.vector().length);
        }
        return vectors.nearest(table, query);
    }

    @Override
    public List<ScoredMemory> keyword(KeywordQuery query) {
        return text.keyword(query);
    }

    @Override
    public List<ScoredMemory> important(String namespace, int k, MemoryFilter filter) {
        if (k < 1 || k > VectorQuery.MAX_K) {
            throw new IllegalArgumentException("k must be within 1.." + VectorQuery.MAX_K + ", was " + k);
        }
        return text.important(namespace, k, filter);
    }

    @Override
    public List<String> spaces(String namespace) {
        return counts.spaces(spaces.all(), namespace);
    }

    @Override
    public MemoryStats stats() {
        return counts.stats(spaces.all());
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        database.close();
    }
}
