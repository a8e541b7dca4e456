package dev.embedgate.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MemoryStore} does. A store's test extends this and says how to open the store over one location
 * (a folder, a schema) that stays the same for the whole test, so that reopening shows what survived.
 */
public abstract class MemoryStoreContract {

    protected static final String MINILM = "sentence-transformers/all-MiniLM-L6-v2@main;dim=384";
    protected static final String BGE = "BAAI/bge-small-en-v1.5@main;dim=384";
    protected static final String OPENAI_SMALL = "openai/text-embedding-3-small;dim=1536";
    protected static final String OPENAI_LARGE = "openai/text-embedding-3-large;dim=3072";
    protected static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    protected MemoryStore store;

    /** Opens the store over this test's location: empty the first time, what earlier stores left afterwards. */
    protected abstract MemoryStore open();

    @BeforeEach
    void openStore() {
        store = open();
        store.addSpace(MINILM, 384);
        store.addSpace(BGE, 384);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    protected MemoryStore reopen() {
        store.close();
        store = open();
        return store;
    }

    // --- saving and reading ---

    @Test
    void savedMemoryReadsBackWithItsMetadata() {
        var metadata = new Metadata(Map.of("topic", "billing", "year", 2024, "score", 0.5, "urgent", true,
                "tags", List.of("a", "b"), "nested", Map.of("deep", List.of(1, 2))));
        store.save(List.of(memory("ns", "m1", "Zürich invoices \uD83D\uDCB8 are due", metadata, 0.7)));

        Memory read = store.get("ns", "m1").orElseThrow();

        assertThat(read.content()).isEqualTo("Zürich invoices \uD83D\uDCB8 are due");
        assertThat(read.metadata()).isEqualTo(metadata);
        assertThat(read.importance()).isEqualTo(0.7, within(1e-6));
        assertThat(read.createdAt()).isEqualTo(T0);
        assertThat(read.contentHash()).isEqualTo(Memory.hash(read.content()));
        assertThat(store.get("ns", "nope")).isEmpty();
        assertThat(store.get("other", "m1")).isEmpty();
    }

    @Test
    void savingAgainReplacesTheMemoryButKeepsItsCreationTime() {
        store.save(List.of(memory("ns", "m1", "first", Metadata.EMPTY, 0.5)));
        Memory later = Memory.saved("ns", "m1", "second", new Metadata(Map.of("v", 2)), 0.9, T0.plusSeconds(60));

        List<Memory> stored = store.save(List.of(later));

        Memory read = store.get("ns", "m1").orElseThrow();
        assertThat(read.content()).isEqualTo("second");
        assertThat(read.createdAt()).isEqualTo(T0);
        assertThat(read.updatedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(stored.getFirst().createdAt()).isEqualTo(T0);
    }

    @Test
    void newContentDropsTheOldVectorsAndSameContentKeepsThem() {
        Memory first = memory("ns", "m1", "first text", Metadata.EMPTY, 0.5);
        Memory other = memory("ns", "m2", "other text", Metadata.EMPTY, 0.5);
        store.save(List.of(first, other));
        store.putVectors(MINILM, List.of(vectorOf(first, 1), vectorOf(other, 2)));

        store.save(List.of(memory("ns", "m1", "changed text", Metadata.EMPTY, 0.5),
                memory("ns", "m2", "other text", new Metadata(Map.of("k", "v")), 0.5)));

        assertThat(store.spaces("ns")).containsExactly(MINILM);
        assertThat(nearestIds("ns", MINILM, unit(384, 1), 10)).containsExactly("m2");
    }

    @Test
    void aBatchOfManyIsSavedInOneCall() {
        var memories = IntStream.range(0, 500)
                .mapToObj(i -> memory("ns", "m" + i, "memory number " + i, new Metadata(Map.of("i", i)), 0.5))
                .toList();

        assertThat(store.save(memories)).hasSize(500);

        assertThat(store.get("ns", "m499").orElseThrow().metadata().values()).containsEntry("i", 499L);
        assertThat(store.stats().namespaces()).anySatisfy(counts -> {
            assertThat(counts.namespace()).isEqualTo("ns");
            assertThat(counts.memories()).isEqualTo(500);
        });
    }

    @Test
    void patchChangesMetadataAndImportanceAndKeepsTheVector() {
        Memory saved = memory("ns", "m1", "text", new Metadata(Map.of("a", 1)), 0.5);
        store.save(List.of(saved));
        store.putVectors(MINILM, List.of(vectorOf(saved, 1)));

        Memory patched = store.update("ns", "m1", new MemoryPatch(new Metadata(Map.of("b", "x")), 0.9),
                T0.plusSeconds(5)).orElseThrow();

        assertThat(patched.metadata().values()).isEqualTo(Map.of("b", "x"));
        assertThat(patched.importance()).isEqualTo(0.9, within(1e-6));
        assertThat(patched.updatedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(store.get("ns", "m1").orElseThrow().metadata().values()).isEqualTo(Map.of("b", "x"));
        assertThat(store.update("ns", "m1", new MemoryPatch(null, 0.1), T0).orElseThrow().metadata().values())
                .isEqualTo(Map.of("b", "x"));
        assertThat(nearestIds("ns", MINILM, unit(384, 1), 1)).containsExactly("m1");
        assertThat(store.update("ns", "missing", new MemoryPatch(null, 0.1), T0)).isEmpty();
    }

    @Test
    void deleteRemovesTheMemoryAndItsVectors() {
        Memory saved = memory("ns", "m1", "text", Metadata.EMPTY, 0.5);
        store.save(List.of(saved, memory("ns", "m2", "text two", Metadata.EMPTY, 0.5)));
        store.putVectors(MINILM, List.of(vectorOf(saved, 1)));

        assertThat(store.delete("ns", "m1")).isTrue();
        assertThat(store.delete("ns", "m1")).isFalse();

        assertThat(store.get("ns", "m1")).isEmpty();
        assertThat(nearestIds("ns", MINILM, unit(384, 1), 5)).isEmpty();
        assertThat(store.get("ns", "m2")).isPresent();
    }

    @Test
    void deleteByFilterDeletesOnlyMatchesInTheNamespace() {
        store.save(List.of(
                memory("ns", "a", "one", new Metadata(Map.of("kind", "draft")), 0.5),
                memory("ns", "b", "two", new Metadata(Map.of("kind", "final")), 0.5),
                memory("other", "a", "one", new Metadata(Map.of("kind", "draft")), 0.5)));

        assertThat(store.deleteWhere("ns", new MemoryFilter.Equals("kind", "draft"))).isEqualTo(1);

        assertThat(store.get("ns", "a")).isEmpty();
        assertThat(store.get("ns", "b")).isPresent();
        assertThat(store.get("other", "a")).isPresent();
    }

    // --- vectors and spaces ---

    @Test
    void nearestAnswersMostSimilarFirstWithCosineSimilarity() {
        var memories = saveNumbered("ns", 50);
        var vectors = new ArrayList<MemoryVector>();
        for (int i = 0; i < memories.size(); i++) {
            vectors.add(vectorOf(memories.get(i), 100 + i));
        }
        store.putVectors(MINILM, vectors);
        float[] query = unit(384, 7);

        List<ScoredMemory> found = store.nearest(new VectorQuery("ns", MINILM, query, 5, MemoryFilter.ALL, -1));

        List<String> expected = memories.stream()
                .sorted(Comparator.comparingDouble((Memory m) -> -cosine(query, unit(384, 100 + index(m)))))
                .limit(5).map(Memory::id).toList();
        assertThat(found).extracting(found1 -> found1.memory().id()).containsExactlyElementsOf(expected);
        for (ScoredMemory each : found) {
            assertThat(each.score()).isEqualTo(cosine(query, unit(384, 100 + index(each.memory()))), within(1e-4));
        }
    }

    @Test
    void minimumSimilarityLeavesOutWeakerMatches() {
        Memory near = memory("ns", "near", "a", Metadata.EMPTY, 0.5);
        Memory far = memory("ns", "far", "b", Metadata.EMPTY, 0.5);
        store.save(List.of(near, far));
        float[] query = unit(384, 1);
        store.putVectors(MINILM, List.of(
                new MemoryVector("ns", "near", near.contentHash(), query.clone(), "local", false, T0),
                new MemoryVector("ns", "far", far.contentHash(), unit(384, 2), "local", false, T0)));

        var found = store.nearest(new VectorQuery("ns", MINILM, query, 10, MemoryFilter.ALL, 0.9));

        assertThat(found).extracting(f -> f.memory().id()).containsExactly("near");
        assertThat(found.getFirst().score()).isEqualTo(1.0, within(1e-4));
    }

    @Test
    void recallNeverMixesSpacesWithEqualDimensions() {
        Memory a = memory("ns", "in-minilm", "a", Metadata.EMPTY, 0.5);
        Memory b = memory("ns", "in-bge", "b", Metadata.EMPTY, 0.5);
        store.save(List.of(a, b));
        float[] shared = unit(384, 1);
        store.putVectors(MINILM, List.of(new MemoryVector("ns", a.id(), a.contentHash(), shared, "local", false, T0)));
        store.putVectors(BGE, List.of(new MemoryVector("ns", b.id(), b.contentHash(), shared, "local", false, T0)));

        assertThat(nearestIds("ns", MINILM, shared, 10)).containsExactly("in-minilm");
        assertThat(nearestIds("ns", BGE, shared, 10)).containsExactly("in-bge");
        assertThat(store.spaces("ns")).containsExactlyInAnyOrder(MINILM, BGE);
    }

    @Test
    void aMemoryHoldsOneVectorPerSpace() {
        Memory saved = memory("ns", "m1", "text", Metadata.EMPTY, 0.5);
        store.save(List.of(saved));
        store.putVectors(MINILM, List.of(vectorOf(saved, 1)));
        store.putVectors(MINILM, List.of(vectorOf(saved, 2)));
        store.putVectors(BGE, List.of(vectorOf(saved, 3)));

        assertThat(store.nearest(new VectorQuery("ns", MINILM, unit(384, 1), 10, MemoryFilter.ALL, -1)))
                .singleElement().satisfies(f -> assertThat(f.score()).isEqualTo(cosine(unit(384, 1), unit(384, 2)),
                        within(1e-4)));
        var counts = store.stats().spaces();
        assertThat(counts).filteredOn(c -> c.space().equals(MINILM)).singleElement()
                .satisfies(c -> assertThat(c.vectors()).isEqualTo(1));
        assertThat(counts).filteredOn(c -> c.space().equals(BGE)).singleElement()
                .satisfies(c -> assertThat(c.vectors()).isEqualTo(1));
    }

    @Test
    void vectorsOfOtherDimensionsOrUnknownSpacesAreRefused() {
        Memory saved = memory("ns", "m1", "text", Metadata.EMPTY, 0.5);
        store.save(List.of(saved));

        assertThatThrownBy(() -> store.putVectors(MINILM, List.of(
                new MemoryVector("ns", "m1", saved.contentHash(), unit(512, 1), "x", false, T0))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.putVectors("unknown-space", List.of(vectorOf(saved, 1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.addSpace(MINILM, 768)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.spaces("ns")).isEmpty();
    }

    @Test
    void aVectorOfContentThatChangedMeanwhileIsNotStored() {
        Memory saved = memory("ns", "m1", "old", Metadata.EMPTY, 0.5);
        store.save(List.of(saved));
        store.save(List.of(memory("ns", "m1", "new", Metadata.EMPTY, 0.5)));

        assertThat(store.putVectors(MINILM, List.of(vectorOf(saved, 1)))).isZero();
        assertThat(store.putVectors(MINILM, List.of(
                new MemoryVector("ns", "gone", saved.contentHash(), unit(384, 1), "x", false, T0)))).isZero();

        assertThat(store.spaces("ns")).isEmpty();
    }

    @Test
    void spacesAboveLuceneDefaultLimitAndAbovePgvectorVectorLimitWork() {
        store.addSpace(OPENAI_SMALL, 1536);
        store.addSpace(OPENAI_LARGE, 3072);
        Memory a = memory("ns", "a", "alpha", Metadata.EMPTY, 0.5);
        Memory b = memory("ns", "b", "beta", Metadata.EMPTY, 0.5);
        store.save(List.of(a, b));
        store.putVectors(OPENAI_SMALL, List.of(
                new MemoryVector("ns", "a", a.contentHash(), unit(1536, 1), "openai", false, T0),
                new MemoryVector("ns", "b", b.contentHash(), unit(1536, 2), "openai", false, T0)));
        store.putVectors(OPENAI_LARGE, List.of(
                new MemoryVector("ns", "a", a.contentHash(), unit(3072, 1), "openai", false, T0),
                new MemoryVector("ns", "b", b.contentHash(), unit(3072, 2), "openai", false, T0)));

        var small = store.nearest(new VectorQuery("ns", OPENAI_SMALL, unit(1536, 2), 1, MemoryFilter.ALL, -1));
        var large = store.nearest(new VectorQuery("ns", OPENAI_LARGE, unit(3072, 1), 1, MemoryFilter.ALL, -1));

        assertThat(small).singleElement().satisfies(f -> {
            assertThat(f.memory().id()).isEqualTo("b");
            assertThat(f.score()).isEqualTo(1.0, within(1e-3));
        });
        assertThat(large).singleElement().satisfies(f -> {
            assertThat(f.memory().id()).isEqualTo("a");
            assertThat(f.score()).isEqualTo(1.0, within(1e-3));
        });
    }

    @Test
    void aGoodVectorReplacesTheMemorysDegradedStandIns() {
        Memory saved = memory("ns", "m1", "text", Metadata.EMPTY, 0.5);
        store.save(List.of(saved));
        store.setActiveSpace("ns", MINILM);
        store.putVectors(BGE, List.of(new MemoryVector("ns", "m1", saved.contentHash(), unit(384, 1), "hash", true, T0)));

        assertThat(store.pending(MINILM, null, 10)).extracting(Memory::id).containsExactly("m1");
        assertThat(store.stats().spaces()).singleElement().satisfies(c -> assertThat(c.degraded()).isEqualTo(1));

        store.putVectors(MINILM, List.of(vectorOf(saved, 2)));

        assertThat(store.pending(MINILM, null, 10)).isEmpty();
        assertThat(store.spaces("ns")).containsExactly(MINILM);
        assertThat(store.stats().spaces()).singleElement().satisfies(c -> assertThat(c.degraded()).isZero());
    }

    // --- pending work and namespaces ---

    @Test
    void pendingListsMemoriesWithoutAVectorInTheirNamespacesActiveSpaceInOrder() {
        store.setActiveSpace("a", MINILM);
        store.setActiveSpace("b", BGE);
        var inA = saveNumbered("a", 5);
        saveNumbered("b", 3);
        store.putVectors(MINILM, List.of(vectorOf(inA.get(1), 1)));

        List<Memory> first = store.pending(MINILM, null, 2);
        List<Memory> rest = store.pending(MINILM, PendingCursor.after(first.getLast()), 10);

        assertThat(first).extracting(Memory::id).containsExactly("m0", "m2");
        assertThat(rest).extracting(Memory::id).containsExactly("m3", "m4");
        assertThat(store.pending(BGE, null, 10)).extracting(Memory::namespace).containsOnly("b").hasSize(3);
        assertThat(store.stats().namespaces()).anySatisfy(c -> {
            assertThat(c.namespace()).isEqualTo("a");
            assertThat(c.activeSpace()).isEqualTo(MINILM);
            assertThat(c.memories()).isEqualTo(5);
            assertThat(c.pending()).isEqualTo(4);
        });
    }

    @Test
    void theActiveSpaceIsSetOnceAndChangedOnlyExplicitly() {
        assertThat(store.activeSpace("ns")).isEmpty();
        assertThat(store.activeSpaceOrSet("ns", MINILM)).isEqualTo(MINILM);
        assertThat(store.activeSpaceOrSet("ns", BGE)).isEqualTo(MINILM);

        store.setActiveSpace("ns", BGE);

        assertThat(store.activeSpace("ns")).contains(BGE);
        assertThat(reopen().activeSpace("ns")).contains(BGE);
    }

    @Test
    void activeSpacesListsEverySpaceSomeNamespaceIsActiveInOnce() {
        assertThat(store.activeSpaces()).isEmpty();
        store.setActiveSpace("a", MINILM);
        store.setActiveSpace("b", MINILM);
        store.activeSpaceOrSet("c", BGE);

        assertThat(store.activeSpaces()).containsExactlyInAnyOrder(MINILM, BGE);
        store.setActiveSpace("c", MINILM);
        assertThat(reopen().activeSpaces()).containsExactly(MINILM);
    }

    @Test
    void namespacesAreIsolated() {
        Memory a = memory("tenant-a", "same-id", "shared words here", Metadata.EMPTY, 0.5);
        Memory b = memory("tenant-b", "same-id", "shared words here", Metadata.EMPTY, 0.5);
        store.save(List.of(a, b));
        store.putVectors(MINILM, List.of(vectorOf(a, 1), vectorOf(b, 1)));

        assertThat(store.nearest(new VectorQuery("tenant-a", MINILM, unit(384, 1), 10, MemoryFilter.ALL, -1)))
                .extracting(f -> f.memory().namespace()).containsExactly("tenant-a");
        assertThat(store.keyword(new KeywordQuery("tenant-b", "shared", 10, MemoryFilter.ALL)))
                .extracting(f -> f.memory().namespace()).containsExactly("tenant-b");
        assertThat(store.important("tenant-a", 10, MemoryFilter.ALL)).hasSize(1);
        store.delete("tenant-a", "same-id");
        assertThat(store.get("tenant-b", "same-id")).isPresent();
    }

    // --- filters ---

    @Test
    void filtersMatchAsTheirMeaningSays() throws Exception {
        var memories = new ArrayList<Memory>();
        String[] topics = {"billing", "support", "sales"};
        for (int i = 0; i < 60; i++) {
            var values = new java.util.LinkedHashMap<String, Object>();
            values.put("topic", topics[i % 3]);
            values.put("year", 2015 + i % 10);
            values.put("score", i / 10.0);
            values.put("urgent", i % 4 == 0);
            if (i % 5 == 0) {
                values.put("tags", List.of("t" + i % 3, "common"));
            }
            if (i % 7 == 0) {
                values.put("owner", null);
            }
            if (i % 6 == 0) {
                values.put("year", "unknown");
            }
            memories.add(memory("ns", "m" + i, "memory " + i, new Metadata(values), i / 60.0));
        }
        store.save(memories);
        var vectors = memories.stream().map(m -> vectorOf(m, index(m))).toList();
        store.putVectors(MINILM, vectors);
        var json = new ObjectMapper();
        List<String> filters = List.of(
                "{\"topic\": \"billing\"}",
                "{\"year\": 2016}",
                "{\"year\": 2016.0}",
                "{\"year\": \"unknown\"}",
                "{\"urgent\": true}",
                "{\"urgent\": \"true\"}",
                "{\"tags\": \"common\"}",
                "{\"topic\": {\"$in\": [\"billing\", \"sales\"]}}",
                "{\"topic\": {\"$nin\": [\"billing\", \"sales\"]}}",
                "{\"topic\": {\"$ne\": \"billing\"}}",
                "{\"year\": {\"$gte\": 2018, \"$lt\": 2021}}",
                "{\"year\": {\"$gt\": 2018}}",
                "{\"score\": {\"$lte\": 1.5}}",
                "{\"tags\": {\"$exists\": true}}",
                "{\"owner\": {\"$exists\": true}}",
                "{\"owner\": {\"$exists\": false}}",
                "{\"$or\": [{\"topic\": \"sales\"}, {\"urgent\": true}]}",
                "{\"topic\": \"support\", \"urgent\": false}",
                "{\"$and\": [{\"year\": {\"$gte\": 2016}}, {\"$not\": {\"topic\": \"support\"}}]}",
                "{\"missing-key\": \"x\"}");
        for (String text : filters) {
            MemoryFilter filter = FilterParser.parse(json.readTree(text));
            List<String> expected = FilterOracle.matchingIds(filter, memories);

            var byVector = store.nearest(new VectorQuery("ns", MINILM, unit(384, 3), 100, filter, -1));
            var byKeyword = store.keyword(new KeywordQuery("ns", "memory", 100, filter));
            var byImportance = store.important("ns", 100, filter);

            assertThat(byVector).as(text).extracting(f -> f.memory().id()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(byKeyword).as(text).extracting(f -> f.memory().id()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(byImportance).as(text).extracting(f -> f.memory().id()).containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(store.important("ns", 3, MemoryFilter.ALL)).extracting(f -> f.memory().id())
                .containsExactly("m59", "m58", "m57");
    }

    @Test
    void aSelectiveFilterStillReturnsKRowsWhenKExist() {
        int count = 3_000;
        var memories = new ArrayList<Memory>(count);
        for (int i = 0; i < count; i++) {
            memories.add(memory("ns", "m" + i, "memory " + i, new Metadata(Map.of("rare", i % 100 == 0)), 0.5));
        }
        store.save(memories);
        store.putVectors(MINILM, memories.stream().map(m -> vectorOf(m, index(m))).toList());
        var rare = new MemoryFilter.Equals("rare", true);
        float[] query = unit(384, 424_242);

        var ten = store.nearest(new VectorQuery("ns", MINILM, query, 10, rare, -1));
        var all = store.nearest(new VectorQuery("ns", MINILM, query, 50, rare, -1));

        assertThat(ten).hasSize(10).allSatisfy(f -> assertThat(f.memory().metadata().values().get("rare")).isEqualTo(true));
        assertThat(all).hasSize(30);
        List<String> exact = all.stream().sorted(Comparator.comparingDouble(ScoredMemory::score).reversed())
                .limit(10).map(f -> f.memory().id()).toList();
        assertThat(ten).extracting(f -> f.memory().id()).containsExactlyElementsOf(exact);
    }

    // --- keywords ---

    @Test
    void keywordSearchFindsWordsAndRanksCloserMatchesFirst() {
        store.save(List.of(
                memory("ns", "both", "The invoice for the payment is overdue", Metadata.EMPTY, 0.5),
                memory("ns", "one", "An invoice was sent yesterday", Metadata.EMPTY, 0.5),
                memory("ns", "none", "The weather is sunny", Metadata.EMPTY, 0.5)));

        var found = store.keyword(new KeywordQuery("ns", "overdue invoices payments", 10, MemoryFilter.ALL));

        assertThat(found).extracting(f -> f.memory().id()).containsExactly("both", "one");
        assertThat(found.get(0).score()).isGreaterThan(found.get(1).score());
        assertThat(store.keyword(new KeywordQuery("ns", "the is", 10, MemoryFilter.ALL))).isEmpty();
    }

    // --- hostile input ---

    @Test
    void injectionStringsAreStoredAndMatchedAsData() throws Exception {
        String hostile = "x'); DROP TABLE memories; --";
        var metadata = new Metadata(Map.of(hostile, hostile, "key\" OR 1=1 --", "\\'\"\u0000ok".replace("\u0000", ""),
                "field:value AND *", "a) OR (b"));
        Memory saved = memory("ns", hostile, hostile + " content: title:foo AND (bar OR", metadata, 0.5);
        store.save(List.of(saved, memory("ns", "plain", "plain text", Metadata.EMPTY, 0.5)));
        store.putVectors(MINILM, List.of(vectorOf(saved, 1)));
        var json = new ObjectMapper();

        MemoryFilter byHostileKey = FilterParser.parse(json.readTree(
                json.writeValueAsString(Map.of(hostile, hostile))));
        MemoryFilter byOddKey = new MemoryFilter.Equals("field:value AND *", "a) OR (b");

        assertThat(store.get("ns", hostile).orElseThrow().metadata()).isEqualTo(metadata);
        assertThat(store.nearest(new VectorQuery("ns", MINILM, unit(384, 1), 10, byHostileKey, -1)))
                .extracting(f -> f.memory().id()).containsExactly(hostile);
        assertThat(store.important("ns", 10, byOddKey)).extracting(f -> f.memory().id()).containsExactly(hostile);
        assertThat(store.important("ns", 10, new MemoryFilter.Equals(hostile, "other"))).isEmpty();
        for (String query : List.of(hostile, "title:foo AND (bar OR", "a & | ! :* ( <-> \\", "*", "\"unclosed")) {
            assertThat(store.keyword(new KeywordQuery("ns", query, 10, MemoryFilter.ALL))).as(query)
                    .allSatisfy(f -> assertThat(f.memory().id()).isIn(hostile, "plain"));
        }
        assertThat(store.delete("ns", hostile)).isTrue();
        assertThat(store.get("ns", "plain")).isPresent();
    }

    // --- durability and concurrency ---

    @Test
    void everythingAcknowledgedSurvivesAReopen() {
        Memory saved = memory("ns", "m1", "durable words", new Metadata(Map.of("k", "v")), 0.3);
        store.save(List.of(saved));
        store.putVectors(MINILM, List.of(vectorOf(saved, 1)));
        store.setActiveSpace("ns", MINILM);

        MemoryStore reopened = reopen();

        assertThat(reopened.get("ns", "m1").orElseThrow().metadata().values()).containsEntry("k", "v");
        assertThat(reopened.nearest(new VectorQuery("ns", MINILM, unit(384, 1), 1, MemoryFilter.ALL, -1)))
                .extracting(f -> f.memory().id()).containsExactly("m1");
        assertThat(reopened.keyword(new KeywordQuery("ns", "durable", 1, MemoryFilter.ALL))).hasSize(1);
        assertThat(reopened.activeSpace("ns")).contains(MINILM);
    }

    @Test
    void concurrentWritersLoseNothing() throws Exception {
        int writers = 8;
        int each = 60;
        try (var pool = Executors.newFixedThreadPool(writers)) {
            var futures = new ArrayList<Future<?>>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        Memory saved = memory("ns", "w" + writer + "-" + i, "writer " + writer, Metadata.EMPTY, 0.5);
                        store.save(List.of(saved));
                        store.putVectors(MINILM, List.of(vectorOf(saved, writer * 1000 + i)));
                        store.update("ns", saved.id(), new MemoryPatch(null, 0.9), T0);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
        assertThat(store.stats().namespaces()).singleElement()
                .satisfies(c -> assertThat(c.memories()).isEqualTo(writers * each));
        assertThat(store.stats().spaces()).singleElement()
                .satisfies(c -> assertThat(c.vectors()).isEqualTo(writers * each));
        assertThat(store.important("ns", 1000, MemoryFilter.ALL))
                .hasSize(writers * each).allSatisfy(f -> assertThat(f.score()).isEqualTo(0.9, within(1e-6)));
    }

    @Test
    void statsCountVectorsByProviderAndDegraded() {
        var memories = saveNumbered("ns", 4);
        store.putVectors(MINILM, List.of(
                new MemoryVector("ns", "m0", memories.get(0).contentHash(), unit(384, 1), "local", false, T0),
                new MemoryVector("ns", "m1", memories.get(1).contentHash(), unit(384, 2), "openai-compatible", false, T0),
                new MemoryVector("ns", "m2", memories.get(2).contentHash(), unit(384, 3), "local", false, T0)));

        assertThat(store.stats().spaces()).singleElement().satisfies(c -> {
            assertThat(c.space()).isEqualTo(MINILM);
            assertThat(c.namespace()).isEqualTo("ns");
            assertThat(c.vectors()).isEqualTo(3);
            assertThat(c.byProvider()).isEqualTo(Map.of("local", 2L, "openai-compatible", 1L));
        });
    }

    // --- switching and retiring spaces (migrations) ---

    @Test
    void activeSpacesOfSeveralNamespacesSwitchTogetherOrNotAtAll() {
        saveNumbered("a", 1);
        store.activeSpaceOrSet("a", MINILM);
        store.activeSpaceOrSet("b", MINILM);

        store.setActiveSpaces(Map.of("a", BGE, "b", BGE));
        assertThat(store.activeSpace("a")).contains(BGE);
        assertThat(store.activeSpace("b")).contains(BGE);

        assertThatThrownBy(() -> store.setActiveSpaces(Map.of("a", MINILM, "b", "unknown/space;dim=3")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(reopen().activeSpace("a")).as("nothing changed").contains(BGE);
        assertThat(store.namespaces()).containsExactly("a", "b");
    }

    @Test
    void aDroppedSpaceLosesItsVectorsAndAnActiveOneCannotBeDropped() {
        List<Memory> memories = saveNumbered("ns", 5);
        store.activeSpaceOrSet("ns", MINILM);
        store.putVectors(MINILM, memories.stream().map(m -> vectorOf(m, 1)).toList());
        store.putVectors(BGE, memories.stream().map(m -> vectorOf(m, 2)).toList());

        assertThatThrownBy(() -> store.dropSpace(MINILM)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("active");
        assertThat(store.dropSpace(BGE)).isEqualTo(5);

        assertThat(reopen().spaces("ns")).containsExactly(MINILM);
        assertThat(store.dropSpace(BGE)).isZero();
        assertThat(store.get("ns", "m0")).isPresent();
        store.addSpace(BGE, 384);
        assertThat(store.putVectors(BGE, List.of(vectorOf(memories.get(0), 3)))).isEqualTo(1);
        assertThat(nearestIds("ns", BGE, vectorOf(memories.get(0), 3).vector(), 5)).containsExactly("m0");
    }

    // --- helpers ---

    protected static Memory memory(String namespace, String id, String content, Metadata metadata, double importance) {
        return Memory.saved(namespace, id, content, metadata, importance, T0.truncatedTo(ChronoUnit.MILLIS));
    }

    protected List<Memory> saveNumbered(String namespace, int count) {
        var memories = IntStream.range(0, count)
                .mapToObj(i -> memory(namespace, "m" + i, "memory " + i, Metadata.EMPTY, 0.5)).toList();
        store.save(memories);
        return memories;
    }

    protected static MemoryVector vectorOf(Memory memory, int seed) {
        return new MemoryVector(memory.namespace(), memory.id(), memory.contentHash(), unit(384, seed), "local",
                false, T0);
    }

    protected List<String> nearestIds(String namespace, String space, float[] query, int k) {
        return store.nearest(new VectorQuery(namespace, space, query, k, MemoryFilter.ALL, -1)).stream()
                .map(f -> f.memory().id()).toList();
    }

    private static int index(Memory memory) {
        return Integer.parseInt(memory.id().substring(1));
    }

    /** A random unit vector, the same for the same seed. */
    protected static float[] unit(int dimensions, int seed) {
        return TestVectors.unit(dimensions, seed);
    }

    protected static double cosine(float[] a, float[] b) {
        return TestVectors.cosine(a, b);
    }
}
