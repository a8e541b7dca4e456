package dev.embedgate.memory.lucene;

import dev.embedgate.memory.HnswSettings;
import dev.embedgate.memory.Memory;
import dev.embedgate.memory.MemoryVector;
import dev.embedgate.memory.Metadata;
import dev.embedgate.memory.TestVectors;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The child process of the {@code kill -9} test: four threads save memories with their vectors into the folder named
 * by the first argument, printing each id once both writes are acknowledged, until the process is killed.
 */
public final class CrashingWriter {

    static final String NAMESPACE = "crash";
    static final String SPACE = "sentence-transformers/all-MiniLM-L6-v2@main;dim=384";

    private CrashingWriter() {
    }

    public static void main(String[] args) throws Exception {
        var store = LuceneMemoryStore.open(Path.of(args[0]), HnswSettings.DEFAULT);
        store.addSpace(SPACE, 384);
        store.setActiveSpace(NAMESPACE, SPACE);
        for (int t = 0; t < 4; t++) {
            int thread = t;
            Thread.ofPlatform().start(() -> {
                for (int i = 0; ; i++) {
                    String id = "t" + thread + "-" + i;
                    Memory memory = Memory.saved(NAMESPACE, id, "memory " + id, new Metadata(Map.of("i", i)), 0.5,
                            Instant.now());
                    store.save(List.of(memory));
                    store.putVectors(SPACE, List.of(new MemoryVector(NAMESPACE, id, memory.contentHash(),
                            vector(seedOf(id)), "local", false, Instant.now())));
                    synchronized (System.out) {
                        System.out.println(id);
                        System.out.flush();
                    }
                }
            });
        }
    }

    /** The seed of a memory's vector, from its id ("t2-17"). */
    static int seedOf(String id) {
        String[] parts = id.substring(1).split("-");
        return Integer.parseInt(parts[0]) * 1_000_000 + Integer.parseInt(parts[1]);
    }

    /** The unit vector the contract's {@code unit(384, seed)} makes. */
    private static float[] vector(int seed) {
        return TestVectors.unit(384, seed);
    }
}
