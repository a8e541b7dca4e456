package dev.embedgate.memory.pgvector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.embedgate.error.InvalidRequestException;
import dev.embedgate.memory.FilterOracle;
import dev.embedgate.memory.HnswSettings;
import dev.embedgate.memory.KeywordQuery;
import dev.embedgate.memory.Memory;
import dev.embedgate.memory.MemoryFilter;
import dev.embedgate.memory.MemoryStore;
import dev.embedgate.memory.MemoryStoreContract;
import dev.embedgate.memory.MemoryVector;
import dev.embedgate.memory.Metadata;
import dev.embedgate.memory.PendingCursor;
import dev.embedgate.memory.VectorQuery;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shared contract on PostgreSQL + pgvector, in a fresh schema per test, and what only this store does. */
class PgVectorMemoryStoreTest extends MemoryStoreContract {

    /** Not the defaults, so that a test can tell they were used. */
    static final HnswSettings SETTINGS = new HnswSettings(12, 48, 64);

    private PgVectorTestDatabase database;

    @Override
    protected MemoryStore open() {
        if (database == null) {
            database = new PgVectorTestDatabase();
        }
        return database.open(SETTINGS);
    }

    @AfterEach
    void dropSchema() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void eachSpaceHasAnHnswIndexWithTheConfiguredMAndEfConstruction() throws SQLException {
        try (Connection connection = database.connect()) {
            for (String space : List.of(MINILM, BGE)) {
                String table = Sql.tableOf(connection, space);
                assertThat(Sql.text(connection, "SELECT indexdef FROM pg_indexes WHERE indexname = ?"
                        + " AND schemaname = current_schema()", table + "_hnsw"))
                        .contains("USING hnsw (embedding vector_cosine_ops)");
                assertThat(Sql.text(connection, "SELECT array_to_string(reloptions, ',') FROM pg_class"
                        + " WHERE oid = to_regclass(?)", table + "_hnsw")).isEqualTo("m=12,ef_construction=48");
            }
        }
    }

    @Test
    void spacesAbove2000DimensionsAreStoredAsHalfvecAndAbove4000Refused() throws SQLException {
        store.addSpace(OPENAI_SMALL, 1536);
        store.addSpace(OPENAI_LARGE, 3072);

        try (Connection connection = database.connect()) {
            assertThat(Sql.columnType(connection, Sql.tableOf(connection, MINILM))).isEqualTo("vector(384)");
            assertThat(Sql.columnType(connection, Sql.tableOf(connection, OPENAI_SMALL))).isEqualTo("vector(1536)");
            String large = Sql.tableOf(connection, OPENAI_LARGE);
            assertThat(Sql.columnType(connection, large)).isEqualTo("halfvec(3072)");
            assertThat(Sql.text(connection, "SELECT indexdef FROM pg_indexes WHERE indexname = ?"
                    + " AND schemaname = current_schema()", large + "_hnsw")).contains("halfvec_cosine_ops");
        }
        assertThatThrownBy(() -> store.addSpace("too-long;dim=4096", 4096))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4000");
    }

    @Test
    void aPlainNearestQueryIsAnsweredByTheHnswIndex() throws SQLException {
        var memories = IntStream.range(0, 3_000)
                .mapToObj(i -> memory("ns", "m" + i, "memory " + i, Metadata.EMPTY, 0.5)).toList();
        store.save(memories);
        store.putVectors(MINILM, memories.stream().map(m -> vectorOf(m, m.id().hashCode())).toList());

        try (Connection connection = database.connect()) {
            String table = Sql.tableOf(connection, MINILM);
            Sql.execute(connection, "ANALYZE " + table);
            SpaceTable space = new SpaceTable(MINILM, table, 384, VectorType.VECTOR, 12, 48);
            String plan = Sql.plan(connection, VectorSearch.approximateQuery(space, null),
                    VectorType.VECTOR.parameter(unit(384, 5)), "ns", 10, "ns");

            assertThat(plan).contains("Index Scan using " + table + "_hnsw");
        }
    }

    @Test
    void pendingReadsThePrimaryKeyInOrderInsteadOfSortingTheTable() throws SQLException {
        store.setActiveSpace("a", MINILM);
        store.setActiveSpace("b", MINILM);
        for (String namespace : List.of("a", "b")) {
            var memories = IntStream.range(0, 2_000)
                    .mapToObj(i -> memory(namespace, "m" + i, "memory " + i, Metadata.EMPTY, 0.5)).toList();
            store.save(memories);
            store.putVectors(MINILM, memories.subList(0, 1_990).stream().map(m -> vectorOf(m, 1)).toList());
        }

        try (Connection connection = database.connect()) {
            String table = Sql.tableOf(connection, MINILM);
            Sql.execute(connection, "ANALYZE memories");
            Sql.execute(connection, "ANALYZE " + table);
            String plan = Sql.plan(connection, MemoryCounts.pendingQuery(new SpaceTable(MINILM, table, 384,
                    VectorType.VECTOR, 12, 48)), MINILM, "a", "m1995", 10);

            assertThat(plan).contains("Index Scan using memories_pkey").doesNotContain("Sort").doesNotContain("Join");
        }
        assertThat(store.pending(MINILM, new PendingCursor("a", "m1995"), 10))
                .extracting(m -> m.namespace() + "/" + m.id())
                .containsExactly("a/m1996", "a/m1997", "a/m1998", "a/m1999", "b/m1990", "b/m1991", "b/m1992",
                        "b/m1993", "b/m1994", "b/m1995");
    }

    @Test
    void hostileStringsAreDataAndLeaveEveryTableAndCountAsItWas() throws SQLException {
        List<String> hostile = List.of("x'); DROP TABLE memories; --", "'; DELETE FROM memory_spaces; --",
                "$$; DROP FUNCTION match_memories; $$", "\" OR 1=1 --", "a'::jsonb @> '{}", "%I %s %L",
                "memory_vectors_1", "') UNION SELECT * FROM pg_user --", "? ?? ?| ?&", "\\'; TRUNCATE memories; --");
        var saved = new ArrayList<Memory>();
        for (String text : hostile) {
            saved.add(memory(text, text, text, new Metadata(Map.of(text, text, "list", List.of(text))), 0.5));
        }
        store.save(saved);
        for (Memory memory : saved) {
            store.putVectors(MINILM, List.of(vectorOf(memory, memory.id().hashCode())));
            store.setActiveSpace(memory.namespace(), MINILM);
            String text = memory.id();
            assertThat(store.nearest(new VectorQuery(text, MINILM, unit(384, 1), 5,
                    new MemoryFilter.Equals(text, text), -1))).extracting(f -> f.memory().id()).containsExactly(text);
            assertThat(store.important(text, 5, new MemoryFilter.Or(List.of(new MemoryFilter.Exists(text),
                    new MemoryFilter.Range(text, 1.0, true, null, false))))).hasSize(1);
            assertThat(store.keyword(new KeywordQuery(text, text, 5, new MemoryFilter.In("list", List.of(text)))))
                    .allSatisfy(f -> assertThat(f.memory().id()).isEqualTo(text));
            assertThat(store.deleteWhere(text, new MemoryFilter.Equals(text, "other"))).isZero();
        }

        try (Connection connection = database.connect()) {
            String table = Sql.tableOf(connection, MINILM);
            for (String relation : List.of("memories", "memory_spaces", "memory_namespaces", table)) {
                assertThat(Sql.text(connection, "SELECT to_regclass(?)::text", relation)).as(relation).isNotNull();
            }
            assertThat(Sql.text(connection, "SELECT to_regprocedure('match_memories(text,vector,integer,jsonb,text)')"
                    + "::text")).isNotNull();
            assertThat(Sql.text(connection, "SELECT count(*) FROM memories")).isEqualTo("10");
            assertThat(Sql.text(connection, "SELECT count(*) FROM " + table)).isEqualTo("10");
            assertThat(Sql.text(connection, "SELECT count(*) FROM memory_spaces")).isEqualTo("2");
            assertThat(Sql.text(connection, "SELECT count(*) FROM memory_namespaces")).isEqualTo("10");
        }
        assertThat(store.get(hostile.getFirst(), hostile.getFirst()).orElseThrow().metadata())
                .isEqualTo(saved.getFirst().metadata());
    }

    @Test
    void theNulCharacterIsRefusedInWhatIsSavedAndMatchesNothingInQueries() {
        store.save(List.of(memory("ns", "plain", "plain text", new Metadata(Map.of("k", "v")), 0.5)));

        assertThatThrownBy(() -> store.save(List.of(memory("ns", "m1", "a\u0000b", Metadata.EMPTY, 0.5))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("content");
        assertThatThrownBy(() -> store.save(List.of(memory("ns", "m1", "ok", new Metadata(Map.of("k",
                List.of("\u0000"))), 0.5)))).isInstanceOf(InvalidRequestException.class).hasMessageContaining("metadata");

        assertThat(store.important("ns", 10, new MemoryFilter.Equals("k", "v\u0000"))).isEmpty();
        assertThat(store.important("ns", 10, new MemoryFilter.In("k\u0000", List.of("v")))).isEmpty();
        assertThat(store.important("ns", 10, new MemoryFilter.Not(new MemoryFilter.Exists("k\u0000")))).hasSize(1);
        assertThat(store.important("ns", 10, new MemoryFilter.Range("k\u0000", 1.0, true, null, false))).isEmpty();
        assertThat(store.keyword(new KeywordQuery("ns", "plain\u0000text", 10, MemoryFilter.ALL))).hasSize(1);
    }

    @Test
    void randomFiltersMatchWhatTheOracleSays() {
        var random = new Random(11);
        List<Object> values = new ArrayList<>(List.of(1L, 2L, 2.0, 2.5, -3L, "2", "x", "y", true, false, "true"));
        values.add(null);
        values.addAll(List.of(List.of(1L, "x"), List.of(2.0, true), List.of(List.of(3L)), Map.of("n", 1L), List.of()));
        List<String> keys = List.of("a", "b", "c");
        var memories = new ArrayList<Memory>();
        for (int i = 0; i < 150; i++) {
            var metadata = new LinkedHashMap<String, Object>();
            for (String key : keys) {
                if (random.nextInt(4) > 0) {
                    metadata.put(key, values.get(random.nextInt(values.size())));
                }
            }
            memories.add(memory("ns", "m" + i, "memory " + i, new Metadata(metadata), 0.5));
        }
        store.save(memories);

        for (int i = 0; i < 300; i++) {
            MemoryFilter filter = RandomFilters.next(random, keys, 3);
            assertThat(store.important("ns", 1_000, filter)).as(filter.toString()).extracting(f -> f.memory().id())
                    .containsExactlyInAnyOrderElementsOf(FilterOracle.matchingIds(filter, memories));
        }
    }

    @Test
    void aDroppedSpaceLeavesNoTableIndexOrRegistrationAndComesBackWithANewTable() throws SQLException {
        store.putVectors(BGE, saveNumbered("ns", 3).stream().map(m -> vectorOf(m, 1)).toList());
        String dropped;
        try (Connection connection = database.connect()) {
            dropped = Sql.tableOf(connection, BGE);
        }

        assertThat(store.dropSpace(BGE)).isEqualTo(3);

        try (Connection connection = database.connect()) {
            assertThat(Sql.text(connection, "SELECT to_regclass(?)::text", dropped)).isNull();
            assertThat(Sql.text(connection, "SELECT to_regclass(?)::text", dropped + "_hnsw")).isNull();
            assertThat(Sql.tableOf(connection, BGE)).isNull();
            store.addSpace(BGE, 384);
            assertThat(Sql.tableOf(connection, BGE)).isNotEqualTo(dropped);
        }
    }

    @Test
    void anInstanceThatKnewASpaceAnotherDroppedAndAddedAgainReadsTheRegistryAgain() {
        List<Memory> memories = saveNumbered("ns", 2);
        try (MemoryStore other = database.open(SETTINGS)) {
            assertThat(other.putVectors(BGE, List.of(vectorOf(memories.get(0), 1)))).isEqualTo(1);

            store.dropSpace(BGE);
            store.addSpace(BGE, 384);

            assertThatThrownBy(() -> other.putVectors(BGE, List.of(vectorOf(memories.get(1), 2))))
                    .as("its table is gone").isInstanceOf(IllegalStateException.class);
            assertThat(other.putVectors(BGE, List.of(vectorOf(memories.get(1), 2)))).isEqualTo(1);
        }
        assertThat(nearestIds("ns", BGE, vectorOf(memories.get(1), 2).vector(), 5)).containsExactly("m1");
    }

    @Test
    void aVectorInAnotherSpaceOfTheSameMemoryIsKeptWhenItIsNotDegraded() {
        Memory saved = memory("ns", "m1", "text", Metadata.EMPTY, 0.5);
        store.save(List.of(saved));
        store.putVectors(BGE, List.of(vectorOf(saved, 1)));
        store.putVectors(MINILM, List.of(new MemoryVector("ns", "m1", saved.contentHash(), unit(384, 2), "hash", true,
                T0)));

        store.putVectors(MINILM, List.of(vectorOf(saved, 3)));

        assertThat(store.spaces("ns")).containsExactlyInAnyOrder(MINILM, BGE);
    }
}
