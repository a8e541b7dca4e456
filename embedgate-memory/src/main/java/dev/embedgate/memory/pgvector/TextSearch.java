package dev.embedgate.memory.pgvector;

import dev.embedgate.memory.KeywordQuery;
import dev.embedgate.memory.MemoryFilter;
import dev.embedgate.memory.ScoredMemory;
import java.sql.PreparedStatement;
import java.util.List;

/**
 * Searches that need no vector: full-text keyword search over the generated {@code search} column (english: case,
 * stemming, stop words; GIN-indexed), and importance ranking.
 *
 * <p>The user's text is never parsed as tsquery syntax: {@code to_tsvector} turns it into lexemes, each is quoted as
 * a tsquery literal and the literals are joined with {@code |}, so a memory holding any word matches and operators in
 * the text are only characters. Memories matching more of the words rank higher ({@code ts_rank_cd}). A text of stop
 * words only has no lexemes and finds nothing.
 */
final class TextSearch {

    private static final String WORDS = "(SELECT string_agg('''' || replace(replace(lexeme, '\\', '\\\\'), '''', '''''')"
            + " || '''', ' | ')::tsquery FROM unnest(tsvector_to_array(to_tsvector('english', ?))) AS lexeme)";

    private final MemoryDatabase database;

    TextSearch(MemoryDatabase database) {
        this.database = database;
    }

    List<ScoredMemory> keyword(KeywordQuery query) {
        FilterSql filter = FilterSql.of(query.filter());
        String sql = "WITH words AS MATERIALIZED (SELECT " + WORDS + " AS query)"
                + " SELECT " + MemoryRows.COLUMNS + ", ts_rank_cd(m.search, (SELECT query FROM words)) AS rank"
                + " FROM memories m WHERE m.namespace = ? AND m.search @@ (SELECT query FROM words)"
                + " AND " + filter.sql() + " ORDER BY rank DESC, m.id LIMIT ?";
        return database.run("searching keywords", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, query.text().replace('\0', ' ')); // PostgreSQL's text holds no U+0000
                statement.setString(2, query.namespace());
                int next = MemoryDatabase.bind(statement, 3, filter.parameters());
                statement.setInt(next, query.k());
                return MemoryRows.scored(statement);
            }
        });
    }

    List<ScoredMemory> important(String namespace, int k, MemoryFilter filter) {
        FilterSql condition = FilterSql.of(filter);
        String sql = "SELECT " + MemoryRows.COLUMNS + ", m.importance FROM memories m WHERE m.namespace = ? AND "
                + condition.sql() + " ORDER BY m.importance DESC, m.updated_at DESC, m.id LIMIT ?";
        return database.run("ranking by importance", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, namespace);
                int next = MemoryDatabase.bind(statement, 2, condition.parameters());
                statement.setInt(next, k);
                return MemoryRows.scored(statement);
            }
        });
    }
}
