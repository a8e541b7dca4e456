package dev.embedgate.memory.pgvector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.pgvector.PGvector;
import dev.embedgate.memory.Memory;
import dev.embedgate.memory.MemoryVector;
import dev.embedgate.memory.Metadata;
import dev.embedgate.memory.TestVectors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code match_memories}, called over plain JDBC as a caller that queries the database directly does. */
class MatchMemoriesTest {

    private static final String MINILM = "sentence-transformers/all-MiniLM-L6-v2@main;dim=384";
    private static final String BGE = "BAAI/bge-small-en-v1.5@main;dim=384";
    private static final String LARGE = "openai/text-embedding-3-large;dim=3072";
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private PgVectorTestDatabase database;
    private PgVectorMemoryStore store;

    /** One row of match_memories. */
    private record Match(String id, String namespace, String content, String metadata, double similarity) {
    }

    @BeforeEach
    void open() {
        database = new PgVectorTestDatabase();
        store = database.open(PgVectorMemoryStoreTest.SETTINGS);
        store.addSpace(MINILM, 384);
        store.addSpace(BGE, 384);
        store.addSpace(LARGE, 3072);
        var memories = new ArrayList<Memory>();
        for (int i = 0; i < 20; i++) {
            String topic = i % 2 == 0 ? "billing" : "support";
            memories.add(Memory.saved(i < 15 ? "a" : "b", "m" + i, "memory " + i,
                    new Metadata(Map.of("topic", topic, "tags", List.of("t" + i % 3))), 0.5, T0));
        }
        store.save(memories);
        store.putVectors(MINILM, memories.stream().map(m -> vector(m, 384, index(m))).toList());
        store.putVectors(LARGE, memories.stream().map(m -> vector(m, 3072, index(m))).toList());
    }

    @AfterEach
    void close() {
        store.close();
        database.close();
    }

    @Test
    void answersTheNearestMemoriesMostSimilarFirstWithTheirCosineSimilarity() throws SQLException {
        float[] query = TestVectors.unit(384, 3);

        List<Match> found = match("SELECT * FROM match_memories(?, ?::vector, ?)", MINILM, new PGvector(query), 5);

        assertThat(found).hasSize(5);
        assertThat(found.getFirst()).satisfies(first -> {
            assertThat(first.id()).isEqualTo("m3");
            assertThat(first.namespace()).isEqualTo("a");
            assertThat(first.content()).isEqualTo("memory 3");
            assertThat(first.metadata()).contains("\"topic\": \"support\"");
        });
        for (Match each : found) {
            int index = Integer.parseInt(each.id().substring(1));
            assertThat(each.similarity()).isEqualTo(TestVectors.cosine(query, TestVectors.unit(384, index)),
                    within(1e-5));
        }
        assertThat(found).extracting(Match::similarity).isSortedAccordingTo((x, y) -> Double.compare(y, x));
    }

    @Test
    void theFilterIsJsonbContainmentAndTheNamespaceNarrowsTheAnswer() throws SQLException {
        String sql = "SELECT * FROM match_memories(?, ?::vector, ?, ?::jsonb, within_namespace => ?)";
        var query = new PGvector(TestVectors.unit(384, 3));

        List<Match> billing = match(sql, MINILM, query, 20, "{\"topic\": \"billing\"}", null);
        List<Match> taggedInB = match(sql, MINILM, query, 20, "{\"tags\": [\"t1\"]}", "b");

        assertThat(billing).hasSize(10).allSatisfy(m -> assertThat(Integer.parseInt(m.id().substring(1)) % 2).isZero());
        assertThat(taggedInB).extracting(Match::id).containsExactlyInAnyOrder("m16", "m19");
    }

    @Test
    void aHalfvecSpaceIsSearchedWithAVectorArgument() throws SQLException {
        List<Match> found = match("SELECT * FROM match_memories(?, ?::vector, ?)", LARGE,
                new PGvector(TestVectors.unit(3072, 7)), 1);

        assertThat(found).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo("m7");
            assertThat(m.similarity()).isEqualTo(1.0, within(1e-3));
        });
    }

    @Test
    void itNeverAnswersWithVectorsOfAnotherSpace() throws SQLException {
        Memory onlyInBge = Memory.saved("a", "bge-only", "other model", Metadata.EMPTY, 0.5, T0);
        store.save(List.of(onlyInBge));
        store.putVectors(BGE, List.of(vector(onlyInBge, 384, 3)));
        var query = new PGvector(TestVectors.unit(384, 3));

        assertThat(match("SELECT * FROM match_memories(?, ?::vector, ?)", BGE, query, 50))
                .extracting(Match::id).containsExactly("bge-only");
        assertThat(match("SELECT * FROM match_memories(?, ?::vector, ?)", MINILM, query, 50))
                .hasSize(20).extracting(Match::id).doesNotContain("bge-only");
    }

    @Test
    void anUnknownSpaceIsAnErrorNamingIt() {
        assertThatThrownBy(() -> match("SELECT * FROM match_memories(?, ?::vector, ?)", "no-such-space",
                new PGvector(TestVectors.unit(384, 1)), 5))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22023"))
                .hasMessageContaining("unknown space: no-such-space");
    }

    private List<Match> match(String sql, Object... parameters) throws SQLException {
        var found = new ArrayList<Match>();
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(new Match(rows.getString("id"), rows.getString("namespace"), rows.getString("content"),
                            rows.getString("metadata"), rows.getDouble("similarity")));
                }
            }
        }
        return found;
    }

    private static MemoryVector vector(Memory memory, int dimensions, int seed) {
        return new MemoryVector(memory.namespace(), memory.id(), memory.contentHash(),
                TestVectors.unit(dimensions, seed), "local", false, T0);
    }

    private static int index(Memory memory) {
        return Integer.parseInt(memory.id().substring(1));
    }
}
