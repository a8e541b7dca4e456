package dev.embedgate.bench.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.memory.HnswSettings;
import dev.embedgate.store.TestServices;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL systems the benchmark compares, over one small set of vectors in one schema. */
class PostgresTargetsTest {

    private static final int K = 10;
    private static final HnswSettings SETTINGS = HnswSettings.DEFAULT;

    private static PgSchema schema;
    private static VectorSet vectors;
    private static int[][] exact;

    @BeforeAll
    static void load(@TempDir Path workDir) {
        TestServices.requirePostgres();
        var random = new Random(7);
        vectors = new VectorSet(DerivedVectorsTest.randomUnitVectors(1_500, 32, random),
                DerivedVectorsTest.randomUnitVectors(40, 32, random));
        exact = new ExactNeighbours(workDir, System.err).of(vectors, K);
        List<String> contents = IntStream.range(0, vectors.base().length).mapToObj(i -> "memory " + i).toList();
        schema = PgSchema.create(TestServices.POSTGRES_URL, TestServices.POSTGRES_USER);
        try (OpenedStore store = EmbedGateStores.pgvector(schema, SETTINGS, 2)) {
            StoreTarget.load(store.store(), MemoryBenchmark.NAMESPACE, MemoryBenchmark.SPACE, vectors.base(), contents,
                    500);
        }
        LangChain4jTarget.load(schema, vectors, contents, SETTINGS, 500);
    }

    @AfterAll
    static void drop() {
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void plainJdbcAnswersExactlyWhatThePgVectorStoreAnswers() {
        try (RecallTarget store = new StoreTarget(MemoryBenchmark.PGVECTOR,
                EmbedGateStores.pgvector(schema, SETTINGS, 2), MemoryBenchmark.NAMESPACE, MemoryBenchmark.SPACE);
             RecallTarget jdbc = JdbcTarget.opener(schema, MemoryBenchmark.NAMESPACE, MemoryBenchmark.SPACE, 2)
                     .open(SETTINGS.efSearch())) {
            for (float[] query : vectors.queries()) {
                assertThat(jdbc.nearest(query, K)).hasSize(K).containsExactly(store.nearest(query, K));
            }
        }
    }

    @Test
    void everySystemFindsNearlyAllExactNeighboursOfASmallSet() {
        List<RecallTarget.Opener> systems = List.of(
                efSearch -> new StoreTarget(MemoryBenchmark.PGVECTOR, EmbedGateStores.pgvector(schema,
                        new HnswSettings(SETTINGS.m(), SETTINGS.efConstruction(), efSearch), 2),
                        MemoryBenchmark.NAMESPACE, MemoryBenchmark.SPACE),
                JdbcTarget.opener(schema, MemoryBenchmark.NAMESPACE, MemoryBenchmark.SPACE, 2),
                LangChain4jTarget.opener(schema, 2));
        for (RecallTarget.Opener system : systems) {
            try (RecallTarget target = system.open(SETTINGS.efSearch())) {
                assertThat(QueryLoad.recall(target, vectors.queries(), exact, K)).as(target.name()).isGreaterThan(0.95);
            }
        }
    }

    @Test
    void langChain4jSearchesWithTheEfSearchItIsOpenedWith() {
        try (RecallTarget narrow = LangChain4jTarget.opener(schema, 1).open(1)) {
            // Without an iterative scan, pgvector's index scan gives at most ef_search rows.
            assertThat(narrow.nearest(vectors.queries()[0], K)).hasSizeLessThan(K);
        }
    }
}
