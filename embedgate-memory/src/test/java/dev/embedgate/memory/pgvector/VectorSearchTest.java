package dev.embedgate.memory.pgvector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.memory.Memory;
import dev.embedgate.memory.MemoryFilter;
import dev.embedgate.memory.MemoryVector;
import dev.embedgate.memory.Metadata;
import dev.embedgate.memory.ScoredMemory;
import dev.embedgate.memory.TestVectors;
import dev.embedgate.memory.VectorQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HNSW path of a nearest query, where a filter drops most of what the index hands up. */
class VectorSearchTest {

    private static final String SPACE = "test/small;dim=16";
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final int K = 100;

    private PgVectorTestDatabase database;
    private PgVectorMemoryStore store;
    private SpaceTable table;

    @BeforeEach
    void open() {
        database = new PgVectorTestDatabase();
        store = database.open(PgVectorMemoryStoreTest.SETTINGS);
        store.addSpace(SPACE, 16);
        // One memory in ten is in group x: the first candidates the index finds hold about a tenth of k of them.
        List<Memory> memories = IntStream.range(0, 4_000).mapToObj(i -> Memory.saved("ns", "m" + i, "memory " + i,
                new Metadata(Map.of("group", i % 10 == 0 ? "x" : "y")), 0.5, T0)).toList();
        store.save(memories);
        store.putVectors(SPACE, memories.stream().map(m -> new MemoryVector("ns", m.id(), m.contentHash(),
                TestVectors.unit(16, m.id().hashCode()), "local", false, T0)).toList());
        table = new SpaceRegistry(new MemoryDatabase(database.dataSource()), PgVectorMemoryStoreTest.SETTINGS)
                .require(SPACE);
    }

    @AfterEach
    void close() {
        store.close();
        database.close();
    }

    @Test
    void theIndexScanGoesOnUntilKRowsPassTheFilter() throws SQLException {
        var filter = new MemoryFilter.Equals("group", "x");
        float[] vector = TestVectors.unit(16, 42);
        var query = new VectorQuery("ns", SPACE, vector, K, filter, -1);
        var search = new VectorSearch(new MemoryDatabase(database.dataSource()), PgVectorMemoryStoreTest.SETTINGS);

        try (Connection connection = database.connect()) {
            forceTheIndex(connection, table);
            Sql.execute(connection, "SET hnsw.iterative_scan = off");
            Sql.execute(connection, "SET hnsw.ef_search = " + K);
            assertThat(planOf(connection, vector, filter)).as("the plan this test is about")
                    .contains("Index Scan using " + table.index());
            assertThat(rowsOf(connection, vector, filter)).as("what one pass of the index finds").isLessThan(K / 2);
            Sql.execute(connection, "SET hnsw.iterative_scan = relaxed_order");
            assertThat(planOf(connection, vector, filter)).contains("Index Scan using " + table.index());
            Sql.execute(connection, "RESET hnsw.iterative_scan");
            Sql.execute(connection, "RESET hnsw.ef_search");

            List<ScoredMemory> found = search.approximate(connection, table, query, FilterSql.of(filter),
                    table.type().parameter(vector));

            assertThat(found).hasSize(K).allSatisfy(f -> assertThat(f.memory().metadata().values().get("group"))
                    .isEqualTo("x"));
            assertThat(found).extracting(ScoredMemory::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        }
    }

    @Test
    void theStoreAnswersAFilterMatchingMoreThanAnExactScanTakesWithKRows() {
        var filter = new MemoryFilter.Equals("group", "y");
        var search = new VectorSearch(new MemoryDatabase(database.dataSource()), PgVectorMemoryStoreTest.SETTINGS);
        assertThat(search.exactLimit(K)).as("this filter is not selective").isLessThan(3_600);

        var found = store.nearest(new VectorQuery("ns", SPACE, TestVectors.unit(16, 42), K, filter, -1));

        assertThat(found).hasSize(K).allSatisfy(f -> assertThat(f.memory().metadata().values().get("group"))
                .isEqualTo("y"));
    }

    @Test
    void whenTheIterativeScanGivesUpAnExactScanAnswersWithKRows() throws SQLException {
        var few = IntStream.range(0, 30).mapToObj(i -> Memory.saved("few", "f" + i, "memory " + i, Metadata.EMPTY,
                0.5, T0)).toList();
        store.save(few);
        store.putVectors(SPACE, few.stream().map(m -> new MemoryVector("few", m.id(), m.contentHash(),
                TestVectors.unit(16, m.id().hashCode()), "local", false, T0)).toList());
        try (Connection connection = database.connect()) {
            Sql.execute(connection, "ANALYZE " + table.table());
        }
        // The index is the planner's only cheap way, and gives up after 50 tuples: too few to meet 30 rows in 4,030.
        PgVectorMemoryStore impatient = database.open(PgVectorMemoryStoreTest.SETTINGS, "-c hnsw.max_scan_tuples=50"
                + " -c enable_seqscan=off -c enable_bitmapscan=off -c enable_sort=off");
        float[] query = TestVectors.unit(16, 42);

        var found = impatient.nearest(new VectorQuery("few", SPACE, query, 10, MemoryFilter.ALL, -1));

        List<String> exact = few.stream().sorted(Comparator.comparingDouble(
                m -> -TestVectors.cosine(query, TestVectors.unit(16, m.id().hashCode())))).limit(10)
                .map(Memory::id).toList();
        assertThat(found).extracting(f -> f.memory().id()).containsExactlyElementsOf(exact);
    }

    /** Makes the planner take the HNSW index, as it does on tables far larger than this test's. */
    private static void forceTheIndex(Connection connection, SpaceTable table) throws SQLException {
        Sql.execute(connection, "ANALYZE memories");
        Sql.execute(connection, "ANALYZE " + table.table());
        Sql.execute(connection, "SET enable_seqscan = off");
        Sql.execute(connection, "SET enable_bitmapscan = off");
        Sql.execute(connection, "SET enable_sort = off");
    }

    private String planOf(Connection connection, float[] vector, MemoryFilter filter) throws SQLException {
        return Sql.plan(connection, VectorSearch.approximateQuery(table, FilterSql.of(filter)), params(vector, filter));
    }

    private int rowsOf(Connection connection, float[] vector, MemoryFilter filter) throws SQLException {
        int rows = 0;
        try (PreparedStatement statement = connection.prepareStatement(
                VectorSearch.approximateQuery(table, FilterSql.of(filter)))) {
            MemoryDatabase.bind(statement, 1, Arrays.asList(params(vector, filter)));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows++;
                }
            }
        }
        return rows;
    }

    private static Object[] params(float[] vector, MemoryFilter filter) {
        FilterSql sql = FilterSql.of(filter);
        var all = new ArrayList<>();
        all.add(VectorType.VECTOR.parameter(vector));
        all.add("ns");
        all.addAll(sql.parameters());
        all.add(K);
        all.add("ns");
        return all.toArray();
    }
}
