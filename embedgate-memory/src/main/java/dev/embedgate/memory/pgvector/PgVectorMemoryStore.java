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
import dev.embedgate.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The memory store on PostgreSQL + pgvector, for server deployments. Memories live in {@code memories} (metadata as
 * jsonb, a generated english tsvector for keyword search); each embedding space has a vector table of its own
 * ({@code vector(d)}, {@code halfvec(d)} above 2,000 dimensions) with an HNSW index (cosine, the configured {@code m}
 * and {@code ef_construction}); {@code match_memories(space, query_vector, k, filter, within_namespace)} serves
 * callers that query the database directly. The schema comes from the store's own Flyway migrations
 * ({@code classpath:db/memory/postgresql}, history in {@code flyway_memory_history}).
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

    private PgVectorMemoryStore(DataSource dataSource, String where, HnswSettings settings) {
        this.database = new MemoryDatabase(dataSource);
        this.description = "pgvector memory in " + where;
        this.spaces = new SpaceRegistry(database, settings);
        this.writer = new MemoryWriter(database);
        this.vectors = new VectorSearch(database, settings);
        this.text = new TextSearch(database);
        this.counts = new MemoryCounts(database);
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
        return database.run("reading the active space", connection -> activeSpace(connection, namespace));
    }

    @Override
    public String activeSpaceOrSet(String namespace, String space) {
        spaces.require(space);
        return database.run("setting the active space", connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO memory_namespaces"
                    + " (namespace, active_space) VALUES (?, ?) ON CONFLICT (namespace) DO NOTHING")) {
                insert.setString(1, namespace);
                insert.setString(2, space);
                insert.executeUpdate();
            }
            // A later statement: it sees the row a concurrent caller committed first, which the insert waited for.
            return activeSpace(connection, namespace).orElseThrow();
        });
    }

    @Override
    public List<String> activeSpaces() {
        return database.run("reading the active spaces", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT DISTINCT active_space FROM memory_namespaces ORDER BY active_space");
                 ResultSet rows = select.executeQuery()) {
                var spaces = new ArrayList<String>();
                while (rows.next()) {
                    spaces.add(rows.getString(1));
                }
                return spaces;
            }
        });
    }

    @Override
    public void setActiveSpace(String namespace, String space) {
        spaces.require(space);
        database.run("setting the active space", connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO memory_namespaces"
                    + " (namespace, active_space) VALUES (?, ?)"
                    + " ON CONFLICT (namespace) DO UPDATE SET active_space = excluded.active_space")) {
                upsert.setString(1, namespace);
                upsert.setString(2, space);
                return upsert.executeUpdate();
            }
        });
    }

    private static Optional<String> activeSpace(Connection connection, String namespace) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT active_space FROM memory_namespaces WHERE namespace = ?")) {
            select.setString(1, namespace);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
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

    // Issue 12, in progress: implemented in the store's own migration classes.
    @Override
    public void setActiveSpaces(java.util.Map<String, String> spaceByNamespace) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public List<String> namespaces() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public long dropSpace(String space) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public dev.embedgate.memory.migration.MigrationStore migrations() {
        throw new UnsupportedOperationException("not yet");
    }
}
