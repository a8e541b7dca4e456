package dev.embedgate.provider.local;

import dev.embedgate.space.EmbeddingSpace;
import dev.embedgate.space.ReferenceSpaces;
import java.nio.file.Path;
import java.util.List;

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

    /** The built-in models; ONNX graphs are extracted on first use into {@code cacheDir}. */
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
