package dev.embedgate.memory.pgvector;

import dev.embedgate.error.InvalidRequestException;
import dev.embedgate.memory.Memory;
import dev.embedgate.memory.MemoryVector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes memories and their vectors, each call one transaction. A vector belongs to the content it was made from:
 * saving new content deletes the memory's vectors in every space, and a vector is stored only while its memory still
 * holds the content of its hash. Row locks make the two meet safely: a save locks the memories whose content it
 * changes before it deletes their vectors, and a vector write share-locks its memory's row while it checks the hash.
 */
final class MemoryWriter {

    private static final String UPSERT = "INSERT INTO memories"
            + " (namespace, id, content, metadata, importance, created_at, updated_at, content_hash)"
            + " SELECT i.namespace, i.id, i.content, i.metadata::jsonb, i.importance, i.created_at, i.updated_at,"
            + " i.content_hash"
            + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::float8[], ?::timestamptz[], ?::timestamptz[],"
            + " ?::text[]) AS i(namespace, id, content, metadata, importance, created_at, updated_at, content_hash)"
            + " ORDER BY i.namespace COLLATE \"C\", i.id COLLATE \"C\""
            + " ON CONFLICT (namespace, id) DO UPDATE SET content = excluded.content, metadata = excluded.metadata,"
            + " importance = excluded.importance, updated_at = excluded.updated_at, content_hash = excluded.content_hash"
            + " RETURNING namespace, id, created_at";
    // Locks the rows whose content changes (re-checked on the latest version when another write got there first).
    private static final String LOCK_CHANGED = "SELECT m.namespace, m.id"
            + " FROM unnest(?::text[], ?::text[], ?::text[]) AS k(namespace, id, content_hash)"
            + " JOIN memories m ON m.namespace = k.namespace AND m.id = k.id AND m.content_hash <> k.content_hash"
            + " ORDER BY m.namespace, m.id FOR UPDATE OF m";
    private static final Comparator<MemoryVector> BY_MEMORY =
            Comparator.comparing(MemoryVector::namespace).thenComparing(MemoryVector::memoryId);

    private record Key(String namespace, String id) {
    }

    private final MemoryDatabase database;

    MemoryWriter(MemoryDatabase database) {
        this.database = database;
    }

    List<Memory> save(List<Memory> memories) {
        if (memories.isEmpty()) {
            return List.of();
        }
        var latest = new LinkedHashMap<Key, Memory>();
        for (Memory memory : memories) {
            refuseNul(memory);
            latest.put(key(memory), memory); // the later of two saves of one memory wins, as one after the other
        }
        Map<Key, Instant> created = database.transaction("saving memories", connection -> {
            List<Key> changed = lockChanged(connection, latest.values());
            if (!changed.isEmpty()) {
                dropVectors(connection, changed, null, false);
            }
            return upsert(connection, latest.values());
        });
        return memories.stream().map(memory -> new Memory(memory.namespace(), memory.id(), memory.content(),
                memory.metadata(), memory.importance(), created.get(key(memory)),
                MemoryRows.stored(memory.updatedAt()), memory.contentHash())).toList();
    }

    /**
     * Stores the vectors whose memories still hold their content; a stored vector that is not degraded removes the
     * memory's degraded vectors in the other spaces.
     *
     * @return how many were stored
     */
    int putVectors(SpaceTable table, List<MemoryVector> vectors) {
        return database.transaction("storing vectors of space " + table.space(),
                connection -> putVectors(connection, table, vectors));
    }

    /** As {@link #putVectors(SpaceTable, List)}, within the connection's transaction. */
    int putVectors(Connection connection, SpaceTable table, List<MemoryVector> vectors) throws SQLException {
        check(table, vectors);
        List<MemoryVector> ordered = vectors.stream().sorted(BY_MEMORY).toList(); // one lock order for every writer
        String sql = "INSERT INTO " + table.table()
                + " (namespace, memory_id, content_hash, embedding, provider, degraded, embedded_at)"
                + " SELECT m.namespace, m.id, m.content_hash, " + table.vectorParameter() + ", ?, ?, ? FROM memories m"
                + " WHERE m.namespace = ? AND m.id = ? AND m.content_hash = ? FOR SHARE"
                + " ON CONFLICT (namespace, memory_id) DO UPDATE SET content_hash = excluded.content_hash,"
                + " embedding = excluded.embedding, provider = excluded.provider, degraded = excluded.degraded,"
                + " embedded_at = excluded.embedded_at";
        int[] counts;
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (MemoryVector vector : ordered) {
                insert.setObject(1, table.type().parameter(vector.vector()));
                insert.setString(2, vector.provider());
                insert.setBoolean(3, vector.degraded());
                insert.setObject(4, MemoryRows.parameter(vector.embeddedAt()));
                insert.setString(5, vector.namespace());
                insert.setString(6, vector.memoryId());
                insert.setString(7, vector.contentHash());
                insert.addBatch();
            }
            counts = insert.executeBatch();
        }
        int stored = 0;
        var repaired = new ArrayList<Key>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                stored++;
                if (!ordered.get(i).degraded()) {
                    repaired.add(new Key(ordered.get(i).namespace(), ordered.get(i).memoryId()));
                }
            }
        }
        if (!repaired.isEmpty()) {
            dropVectors(connection, repaired, table.table(), true);
        }
        return stored;
    }

    private static void check(SpaceTable table, List<MemoryVector> vectors) {
        for (MemoryVector vector : vectors) {
            if (vector.vector().length != table.dimensions()) {
                throw new IllegalArgumentException("space '" + table.space() + "' holds vectors of "
                        + table.dimensions() + " dimensions, not " + vector.vector().length);
            }
            String refusal = table.type().refusal(vector.vector());
            if (refusal != null) {
                throw new IllegalArgumentException(refusal);
            }
        }
    }

    private static List<Key> lockChanged(Connection connection, Collection<Memory> memories) throws SQLException {
        var changed = new ArrayList<Key>();
        try (PreparedStatement lock = connection.prepareStatement(LOCK_CHANGED)) {
            lock.setArray(1, connection.createArrayOf("text", column(memories, Memory::namespace)));
            lock.setArray(2, connection.createArrayOf("text", column(memories, Memory::id)));
            lock.setArray(3, connection.createArrayOf("text", column(memories, Memory::contentHash)));
            try (ResultSet rows = lock.executeQuery()) {
                while (rows.next()) {
                    changed.add(new Key(rows.getString(1), rows.getString(2)));
                }
            }
        }
        return changed;
    }

    private static Map<Key, Instant> upsert(Connection connection, Collection<Memory> memories) throws SQLException {
        var created = new HashMap<Key, Instant>();
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            upsert.setArray(1, connection.createArrayOf("text", column(memories, Memory::namespace)));
            upsert.setArray(2, connection.createArrayOf("text", column(memories, Memory::id)));
            upsert.setArray(3, connection.createArrayOf("text", column(memories, Memory::content)));
            upsert.setArray(4, connection.createArrayOf("text", column(memories, m -> m.metadata().toJson())));
            upsert.setArray(5, connection.createArrayOf("float8",
                    memories.stream().map(Memory::importance).toArray(Double[]::new)));
            upsert.setArray(6, connection.createArrayOf("timestamptz",
                    column(memories, m -> MemoryRows.stored(m.createdAt()).toString())));
            upsert.setArray(7, connection.createArrayOf("timestamptz",
                    column(memories, m -> MemoryRows.stored(m.updatedAt()).toString())));
            upsert.setArray(8, connection.createArrayOf("text", column(memories, Memory::contentHash)));
            try (ResultSet rows = upsert.executeQuery()) {
                while (rows.next()) {
                    created.put(new Key(rows.getString(1), rows.getString(2)), MemoryRows.instant(rows, 3));
                }
            }
        }
        return created;
    }

    /** Deletes the memories' vectors in every space table but {@code keptTable} (null: all), only degraded ones. */
    private static void dropVectors(Connection connection, List<Key> keys, String keptTable, boolean onlyDegraded)
            throws SQLException {
        try (PreparedStatement drop = connection.prepareStatement("SELECT memory_drop_vectors(?, ?, ?, ?)")) {
            drop.setArray(1, connection.createArrayOf("text", keys.stream().map(Key::namespace).toArray()));
            drop.setArray(2, connection.createArrayOf("text", keys.stream().map(Key::id).toArray()));
            drop.setString(3, keptTable);
            drop.setBoolean(4, onlyDegraded);
            drop.execute();
        }
    }

    private static String[] column(Collection<Memory> memories, Function<Memory, String> value) {
        return memories.stream().map(value).toArray(String[]::new);
    }

    private static Key key(Memory memory) {
        return new Key(memory.namespace(), memory.id());
    }

    /** PostgreSQL's text and jsonb cannot hold U+0000: refused up front with a message instead of a driver error. */
    private static void refuseNul(Memory memory) {
        String field = memory.namespace().indexOf(0) >= 0 ? "namespace"
                : memory.id().indexOf(0) >= 0 ? "id"
                : memory.content().indexOf(0) >= 0 ? "content"
                : holdsNul(memory.metadata().values()) ? "metadata" : null;
        if (field != null) {
            throw new InvalidRequestException(field + " must not contain the character U+0000 (PostgreSQL cannot "
                    + "store it)", field, "invalid_text");
        }
    }

    private static boolean holdsNul(Object value) {
        return switch (value) {
            case String text -> text.indexOf(0) >= 0;
            case Map<?, ?> map -> map.entrySet().stream()
                    .anyMatch(entry -> holdsNul(entry.getKey()) || entry.getValue() != null && holdsNul(entry.getValue()));
            case List<?> list -> list.stream().anyMatch(element -> element != null && holdsNul(element));
            default -> false;
        };
    }
}
