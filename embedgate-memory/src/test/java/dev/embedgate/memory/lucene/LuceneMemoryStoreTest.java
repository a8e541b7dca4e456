package dev.embedgate.memory.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedgate.memory.FilterParser;
import dev.embedgate.memory.HnswSettings;
import dev.embedgate.memory.KeywordQuery;
import dev.embedgate.memory.Memory;
import dev.embedgate.memory.MemoryFilter;
import dev.embedgate.memory.MemoryPatch;
import dev.embedgate.memory.MemoryStore;
import dev.embedgate.memory.MemoryStoreContract;
import dev.embedgate.memory.MemoryVector;
import dev.embedgate.memory.Metadata;
import dev.embedgate.memory.VectorQuery;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneMemoryStoreTest extends MemoryStoreContract {

    @TempDir
    Path folder;

    @Override
    protected MemoryStore open() {
        return LuceneMemoryStore.open(folder.resolve("memories"), HnswSettings.DEFAULT);
    }

    @Test
    void aSecondStoreOnTheSameFolderIsRefusedNamingTheFolder() {
        assertThatThrownBy(this::open)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(folder.resolve("memories").toString())
                .hasMessageContaining("in use");
        assertThat(store.description()).isEqualTo("Lucene at " + folder.resolve("memories"));
    }

    @Test
    void wideVectorsAreSearchableAfterAReopenAndMoreAreAdded() {
        store.addSpace(OPENAI_LARGE, 3072);
        var memories = IntStream.range(0, 20).mapToObj(i -> memory("ns", "m" + i, "text " + i, Metadata.EMPTY, 0.5))
                .toList();
        store.save(memories);
        store.putVectors(OPENAI_LARGE, memories.subList(0, 10).stream().map(m -> wide(m, index(m))).toList());

        reopen();
        store.putVectors(OPENAI_LARGE, memories.subList(10, 20).stream().map(m -> wide(m, index(m))).toList());
        reopen();

        for (int seed : new int[] {3, 15}) {
            var found = store.nearest(new VectorQuery("ns", OPENAI_LARGE, unit(3072, seed), 1, MemoryFilter.ALL, -1));
            assertThat(found).singleElement().satisfies(f -> {
                assertThat(f.memory().id()).isEqualTo("m" + seed);
                assertThat(f.score()).isEqualTo(1.0, within(1e-4));
            });
        }
        assertThatThrownBy(() -> store.addSpace("too/long;dim=9000", WideHnswVectorsFormat.MAX_DIMENSIONS + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimensions");
    }

    @Test
    void vectorSearchesStayInTheirNamespaceWhenOneNamespaceHoldsEveryMemory() {
        store.setActiveSpace("only", MINILM);
        store.setActiveSpace("empty", MINILM);
        Memory saved = memory("only", "m1", "text", Metadata.EMPTY, 0.5);
        store.save(List.of(saved));
        store.putVectors(MINILM, List.of(vectorOf(saved, 1)));

        assertThat(nearestIds("only", MINILM, unit(384, 1), 5)).containsExactly("m1");
        assertThat(nearestIds("empty", MINILM, unit(384, 1), 5)).isEmpty();

        Memory other = memory("second", "m2", "text", Metadata.EMPTY, 0.5);
        store.save(List.of(other));
        store.putVectors(MINILM, List.of(vectorOf(other, 1)));
        store.delete("second", "m2");
        store.save(List.of(memory("third", "m3", "text", Metadata.EMPTY, 0.5)));

        assertThat(nearestIds("only", MINILM, unit(384, 1), 5)).containsExactly("m1");
        assertThat(nearestIds("second", MINILM, unit(384, 1), 5)).isEmpty();
        assertThat(reopen().activeSpace("empty")).contains(MINILM);
    }

    @Test
    void aDroppedSpaceMayComeBackWithOtherDimensions() {
        String space = "test/model;dim=8";
        Memory saved = memory("ns", "m1", "text", Metadata.EMPTY, 0.5);
        store.save(List.of(saved));
        store.addSpace(space, 8);
        store.putVectors(space, List.of(new MemoryVector("ns", "m1", saved.contentHash(), unit(8, 1), "x", false, T0)));

        assertThat(store.dropSpace(space)).isEqualTo(1);
        store.addSpace(space, 16);
        store.putVectors(space, List.of(new MemoryVector("ns", "m1", saved.contentHash(), unit(16, 2), "x", false, T0)));

        assertThat(reopen().nearest(new VectorQuery("ns", space, unit(16, 2), 5, MemoryFilter.ALL, -1)))
                .singleElement().satisfies(f -> assertThat(f.score()).isEqualTo(1.0, within(1e-4)));
        assertThat(store.spaces("ns")).containsExactly(space);
    }

    @Test
    void vectorsWithoutADirectionAreRefused() {
        Memory saved = memory("ns", "m1", "text", Metadata.EMPTY, 0.5);
        store.save(List.of(saved));

        assertThatThrownBy(() -> store.putVectors(MINILM, List.of(
                new MemoryVector("ns", "m1", saved.contentHash(), new float[384], "x", false, T0))))
                .isInstanceOf(IllegalArgumentException.class);
        float[] notFinite = unit(384, 1);
        notFinite[7] = Float.NaN;
        assertThatThrownBy(() -> store.nearest(new VectorQuery("ns", MINILM, notFinite, 1, MemoryFilter.ALL, -1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namespaceAndIdNeverRunTogether() {
        store.save(List.of(memory("ab", "c", "first", Metadata.EMPTY, 0.5),
                memory("a", "bc", "second", Metadata.EMPTY, 0.5),
                memory("1:a", "b", "third", Metadata.EMPTY, 0.5)));

        assertThat(store.get("ab", "c").orElseThrow().content()).isEqualTo("first");
        assertThat(store.get("a", "bc").orElseThrow().content()).isEqualTo("second");
        assertThat(store.get("1:a", "b").orElseThrow().content()).isEqualTo("third");
        assertThat(store.get("a", "b")).isEmpty();
    }

    @Test
    void aStringTooLongForALuceneTermIsStillFilteredByEquality() {
        String longValue = "x".repeat(40_000);
        store.save(List.of(memory("ns", "long", "text", new Metadata(Map.of("body", longValue)), 0.5),
                memory("ns", "short", "text", new Metadata(Map.of("body", "x")), 0.5)));

        assertThat(store.important("ns", 10, new MemoryFilter.Equals("body", longValue)))
                .extracting(f -> f.memory().id()).containsExactly("long");
        assertThat(store.important("ns", 10, new MemoryFilter.Equals("body", longValue + "y"))).isEmpty();
        assertThat(store.get("ns", "long").orElseThrow().metadata().values().get("body")).isEqualTo(longValue);
    }

    @Test
    void aKeywordTextOfThousandsOfWordsIsAnswered() {
        store.save(List.of(memory("ns", "m", "the zebra crossing", Metadata.EMPTY, 0.5)));
        String text = IntStream.range(0, 3_000).mapToObj(i -> "word" + i).collect(Collectors.joining(" "))
                + " zebra";

        assertThat(store.keyword(new KeywordQuery("ns", text, 10, MemoryFilter.ALL))).isEmpty();
        assertThat(store.keyword(new KeywordQuery("ns", "zebras " + text, 10, MemoryFilter.ALL)))
                .extracting(f -> f.memory().id()).containsExactly("m");
    }

    @Test
    void numberFiltersOrderNegativeZeroAndPositiveNumbersByValue() {
        double[] values = {-1e300, -2.5, -1, -0.0, 0, 1e-300, 2, 3.5, 1e300};
        var memories = new ArrayList<Memory>();
        for (int i = 0; i < values.length; i++) {
            memories.add(memory("ns", "m" + i, "text", new Metadata(Map.of("x", values[i])), 0.5));
        }
        store.save(memories);

        assertThat(ids(new MemoryFilter.Range("x", -2.5, false, 0.0, true)))
                .containsExactlyInAnyOrder("m2", "m3", "m4");
        assertThat(ids(new MemoryFilter.Range("x", null, false, -1.0, true)))
                .containsExactlyInAnyOrder("m0", "m1", "m2");
        assertThat(ids(new MemoryFilter.Range("x", 0.0, false, null, false)))
                .containsExactlyInAnyOrder("m5", "m6", "m7", "m8");
        assertThat(ids(new MemoryFilter.Equals("x", 0L))).containsExactlyInAnyOrder("m3", "m4");
        assertThat(ids(new MemoryFilter.Equals("x", 2L))).containsExactly("m6");
        assertThat(ids(new MemoryFilter.Range("x", 3.0, true, 2.0, true))).isEmpty();
    }

    @Test
    void concurrentChangesToOneMemoryLoseNone() throws Exception {
        Memory saved = memory("ns", "shared", "one memory", Metadata.EMPTY, 0.5);
        store.save(List.of(saved));
        int rounds = 40;
        try (var pool = Executors.newFixedThreadPool(3)) {
            var futures = List.of(
                    pool.submit(() -> {
                        for (int i = 0; i < rounds; i++) {
                            store.putVectors(MINILM, List.of(vectorOf(saved, i)));
                        }
                        return null;
                    }),
                    pool.submit(() -> {
                        for (int i = 0; i < rounds; i++) {
                            store.putVectors(BGE, List.of(vectorOf(saved, 1_000 + i)));
                        }
                        return null;
                    }),
                    pool.submit(() -> {
                        for (int i = 0; i < rounds; i++) {
                            store.update("ns", "shared", new MemoryPatch(new Metadata(Map.of("round", i)), i / 100.0),
                                    T0.plusSeconds(i));
                        }
                        return null;
                    }));
            for (var future : futures) {
                future.get();
            }
        }

        Memory read = store.get("ns", "shared").orElseThrow();
        assertThat(read.metadata().values()).containsEntry("round", (long) rounds - 1);
        assertThat(store.spaces("ns")).containsExactlyInAnyOrder(MINILM, BGE);
        assertThat(store.nearest(new VectorQuery("ns", MINILM, unit(384, rounds - 1), 1, MemoryFilter.ALL, -1)))
                .singleElement().satisfies(f -> assertThat(f.score()).isEqualTo(1.0, within(1e-4)));
        assertThat(store.nearest(new VectorQuery("ns", BGE, unit(384, 1_000 + rounds - 1), 1, MemoryFilter.ALL, -1)))
                .singleElement().satisfies(f -> assertThat(f.score()).isEqualTo(1.0, within(1e-4)));
    }

    @Test
    void theLargestFilterTheParserAllowsIsAnsweredWithALongKeywordText() throws Exception {
        store.save(List.of(memory("ns", "kept", "zebra", new Metadata(Map.of("k", "keep")), 0.5),
                memory("ns", "dropped", "zebra", new Metadata(Map.of("k", "v0")), 0.5)));
        var negations = new StringBuilder("{\"$or\": [");
        for (int i = 0; i < FilterParser.MAX_CONDITIONS / 2 - 1; i++) {
            negations.append(i == 0 ? "" : ", ").append("{\"$not\": {\"k\": \"v").append(i).append("\"}}");
        }
        MemoryFilter filter = new MemoryFilter.And(List.of(
                FilterParser.parse(new ObjectMapper().readTree(negations.append("]}").toString())),
                new MemoryFilter.Not(new MemoryFilter.Equals("k", "v0"))));
        String text = IntStream.range(0, 1_000).mapToObj(i -> "word" + i).collect(Collectors.joining(" "))
                + " zebra";

        assertThat(store.keyword(new KeywordQuery("ns", "zebra " + text, 10, filter)))
                .extracting(f -> f.memory().id()).containsExactly("kept");
        assertThat(store.nearest(new VectorQuery("ns", MINILM, unit(384, 1), 10, filter, -1))).isEmpty();
        assertThat(store.important("ns", 10, filter)).extracting(f -> f.memory().id()).containsExactly("kept");
    }

    @Test
    void everyAcknowledgedWriteSurvivesKillDashNine() throws Exception {
        store.close();
        Path memories = folder.resolve("memories");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CrashingWriter.class.getName(), memories.toString())
                .redirectError(folder.resolve("child.err").toFile())
                .start();
        // A child that hangs is killed after a while, which ends the reading below.
        child.onExit().orTimeout(2, TimeUnit.MINUTES).exceptionally(timeout -> {
            child.destroyForcibly();
            return child;
        });
        Set<String> acknowledged = new HashSet<>();
        try (var lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged.size() < 300 && (line = lines.readLine()) != null) {
                acknowledged.add(line);
            }
            // SIGKILL; the ids the child printed after the last one read are acknowledged too, but not checked.
            child.destroyForcibly();
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(acknowledged).as(Files.readString(folder.resolve("child.err"))).hasSizeGreaterThanOrEqualTo(300);

        store = open();

        Set<String> pending = new HashSet<>();
        store.pending(MINILM, null, 100_000).forEach(m -> pending.add(m.id()));
        for (String id : acknowledged) {
            assertThat(store.get(CrashingWriter.NAMESPACE, id)).as(id).isPresent();
            assertThat(pending).as(id + " has its vector").doesNotContain(id);
        }
        var sample = new ArrayList<>(acknowledged).subList(0, 20);
        for (String id : sample) {
            var found = store.nearest(new VectorQuery(CrashingWriter.NAMESPACE, MINILM,
                    unit(384, CrashingWriter.seedOf(id)), 1, MemoryFilter.ALL, -1));
            assertThat(found).extracting(f -> f.memory().id()).containsExactly(id);
        }
        Memory after = memory(CrashingWriter.NAMESPACE, "after-crash", "written after the crash", Metadata.EMPTY, 0.5);
        store.save(List.of(after));
        assertThat(store.keyword(new KeywordQuery(CrashingWriter.NAMESPACE, "crash", 5, MemoryFilter.ALL)))
                .extracting(f -> f.memory().id()).containsExactly("after-crash");
    }

    private List<String> ids(MemoryFilter filter) {
        return store.important("ns", 100, filter).stream().map(f -> f.memory().id()).toList();
    }

    private static MemoryVector wide(Memory memory, int seed) {
        return new MemoryVector(memory.namespace(), memory.id(), memory.contentHash(), unit(3072, seed), "openai",
                false, T0);
    }

    private static int index(Memory memory) {
        return Integer.parseInt(memory.id().substring(1));
    }
}
