package dev.embedgate.store.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.cache.CacheKey;
import dev.embedgate.cache.CachedEmbedding;
import dev.embedgate.space.EmbeddingSpace;
import dev.embedgate.space.InputType;
import dev.embedgate.space.Pooling;
import dev.embedgate.store.Database;
import dev.embedgate.store.StoreKind;
import dev.embedgate.store.TestServices;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The persistent cache tier, on SQLite and on PostgreSQL alike. */
class JdbcCacheTierTest {

    private static final EmbeddingSpace MINILM = new EmbeddingSpace("sentence-transformers/all-MiniLM-L6-v2", "onnx", 384,
            Pooling.MEAN, true, 256, "", "");
    private static final EmbeddingSpace OTHER_384 = new EmbeddingSpace("openai/text-embedding-3-small", "api", 384,
            Pooling.PROVIDER_DEFINED, true, 8191, "", "");

    @TempDir
    Path folder;
    private final List<TestServices.Schema> schemas = new ArrayList<>();
    private final List<Database> opened = new ArrayList<>();

    @AfterEach
    void closeDatabases() {
        opened.forEach(Database::close);
        schemas.forEach(TestServices.Schema::close);
    }

    private Database open(StoreKind kind) {
        Database database = kind.open(folder, schemas);
        opened.add(database);
        return database;
    }

    private static CachedEmbedding entry(int seed, boolean truncated) {
        float[] vector = new float[384];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) Math.sin(seed * 31 + i);
        }
        return new CachedEmbedding(vector, 10 + seed, truncated);
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void storesAndReadsBackExactlyTheVectorsTokensAndTruncation(StoreKind kind) {
        var tier = new JdbcCacheTier(open(kind), Duration.ofDays(1), Clock.systemUTC());
        CacheKey first = CacheKey.of(MINILM, InputType.DOCUMENT, 384, "first");
        CacheKey second = CacheKey.of(MINILM, InputType.DOCUMENT, 384, "second");
        tier.putAll(Map.of(first, entry(1, false), second, entry(2, true)));

        Map<CacheKey, CachedEmbedding> found = tier.getAll(List.of(first, second,
                CacheKey.of(MINILM, InputType.DOCUMENT, 384, "never stored")));

        assertThat(found).containsOnlyKeys(first, second);
        assertThat(found.get(first).vector()).containsExactly(entry(1, false).vector());
        assertThat(found.get(first).tokens()).isEqualTo(11);
        assertThat(found.get(second).truncated()).isTrue();
        assertThat(tier.healthy()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void survivesARestart(StoreKind kind) {
        Database database = open(kind);
        CacheKey key = CacheKey.of(MINILM, InputType.QUERY, 384, "kept across restarts");
        new JdbcCacheTier(database, Duration.ofDays(1), Clock.systemUTC()).putAll(Map.of(key, entry(3, false)));
        Database reopened = kind == StoreKind.SQLITE ? Database.sqlite(folder) : Database.postgres(
                schemas.getLast().url(), TestServices.POSTGRES_USER, null, 2);
        opened.add(reopened);
        database.close();

        var afterRestart = new JdbcCacheTier(reopened, Duration.ofDays(1), Clock.systemUTC()).getAll(List.of(key));

        assertThat(afterRestart.get(key).vector()).containsExactly(entry(3, false).vector());
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void expiredEntriesAreNotServed(StoreKind kind) {
        Database database = open(kind);
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        CacheKey key = CacheKey.of(MINILM, InputType.DOCUMENT, 384, "short-lived");
        new JdbcCacheTier(database, Duration.ofMinutes(5), Clock.fixed(now, ZoneOffset.UTC)).putAll(Map.of(key, entry(4, false)));

        var fourMinutesLater = new JdbcCacheTier(database, Duration.ofMinutes(5), Clock.fixed(now.plusSeconds(240), ZoneOffset.UTC));
        var sixMinutesLater = new JdbcCacheTier(database, Duration.ofMinutes(5), Clock.fixed(now.plusSeconds(360), ZoneOffset.UTC));

        assertThat(fourMinutesLater.getAll(List.of(key))).containsKey(key);
        assertThat(sixMinutesLater.getAll(List.of(key))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void countsAndPurgesBySpaceWithoutTouchingOtherSpacesOfEqualDimensions(StoreKind kind) {
        var tier = new JdbcCacheTier(open(kind), Duration.ofDays(1), Clock.systemUTC());
        tier.putAll(IntStream.range(0, 5).boxed().collect(Collectors.toMap(
                i -> CacheKey.of(MINILM, InputType.DOCUMENT, 384, "text " + i), i -> entry(i, false))));
        tier.putAll(IntStream.range(0, 3).boxed().collect(Collectors.toMap(
                i -> CacheKey.of(OTHER_384, InputType.DOCUMENT, 384, "text " + i), i -> entry(i, false))));

        assertThat(tier.countBySpace()).containsEntry(MINILM.id(), 5L).containsEntry(OTHER_384.id(), 3L);
        assertThat(tier.purge(MINILM.id())).isEqualTo(5);
        assertThat(tier.countBySpace()).containsOnlyKeys(OTHER_384.id());
        assertThat(tier.getAll(List.of(CacheKey.of(OTHER_384, InputType.DOCUMENT, 384, "text 1")))).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void readsManyKeysAtOnceAcrossQueryChunks(StoreKind kind) {
        var tier = new JdbcCacheTier(open(kind), Duration.ofDays(1), Clock.systemUTC());
        Map<CacheKey, CachedEmbedding> many = IntStream.range(0, 1_200).boxed().collect(Collectors.toMap(
                i -> CacheKey.of(MINILM, InputType.DOCUMENT, 384, "bulk " + i), i -> entry(i, false)));
        tier.putAll(many);

        assertThat(tier.getAll(many.keySet())).hasSize(1_200);
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void anUnreachableDatabaseAnswersEmptyInsteadOfFailing(StoreKind kind) {
        Database database = open(kind);
        var tier = new JdbcCacheTier(database, Duration.ofDays(1), Clock.systemUTC());
        database.close();

        CacheKey key = CacheKey.of(MINILM, InputType.DOCUMENT, 384, "x");
        tier.putAll(Map.of(key, entry(1, false)));

        assertThat(tier.getAll(List.of(key))).isEmpty();
        assertThat(tier.healthy()).isFalse();
    }
}
