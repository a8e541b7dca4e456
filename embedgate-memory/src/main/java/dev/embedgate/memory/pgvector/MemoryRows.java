package dev.embedgate.memory.pgvector;

import dev.embedgate.memory.Memory;
import dev.embedgate.memory.Metadata;
import dev.embedgate.memory.ScoredMemory;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Memories as rows of {@code memories m}: the columns to select and how they read back, and timestamps as bound. */
final class MemoryRows {

    /** The columns {@link #memory} reads, in its order. */
    static final String COLUMNS =
            "m.namespace, m.id, m.content, m.metadata, m.importance, m.created_at, m.updated_at, m.content_hash";

    private MemoryRows() {
    }

    /** The memory in the row's first columns ({@link #COLUMNS}). */
    static Memory memory(ResultSet row) throws SQLException {
        return memory(row, 1);
    }

    /** The memory in the row's {@link #COLUMNS} from column {@code first} on. */
    static Memory memory(ResultSet row, int first) throws SQLException {
        return new Memory(row.getString(first), row.getString(first + 1), row.getString(first + 2),
                Metadata.fromJson(row.getString(first + 3)), row.getDouble(first + 4), instant(row, first + 5),
                instant(row, first + 6), row.getString(first + 7));
    }

    /** Every row's memory with the score in the column after {@link #COLUMNS}. */
    static List<ScoredMemory> scored(PreparedStatement statement) throws SQLException {
        var found = new ArrayList<ScoredMemory>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                found.add(new ScoredMemory(memory(rows), rows.getDouble(9)));
            }
        }
        return found;
    }

    static Instant instant(ResultSet row, int column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    /** The instant as PostgreSQL keeps it: to the microsecond, cut rather than rounded, so that it reads back equal. */
    static Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    static OffsetDateTime parameter(Instant instant) {
        return OffsetDateTime.ofInstant(stored(instant), ZoneOffset.UTC);
    }
}
