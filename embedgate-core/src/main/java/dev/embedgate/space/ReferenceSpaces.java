package dev.embedgate.space;

/**
 * The spaces of the sentence-transformers models EmbedGate bundles, defined here rather than beside their weights
 * (module {@code embedgate-local}) because remote providers serve them too: the Hugging Face router, TEI and
 * Ollama's {@code all-minilm} produce all-MiniLM-L6-v2 and bge-small vectors in exactly these spaces, so a route may
 * fail over between them and the in-process model. Truncation, pooling, normalisation and prefixes follow each
 * model's sentence-transformers configuration.
 */
public final class ReferenceSpaces {

    public static final String MINILM = "sentence-transformers/all-MiniLM-L6-v2";
    public static final String BGE_SMALL = "BAAI/bge-small-en-v1.5";

    /** bge's retrieval instruction, prepended to queries only (documents take none). */
    public static final String BGE_QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";

    /** The ONNX export of the reference weights these spaces are named after. */
    public static final String FP32_REVISION = "xenova-onnx-fp32";

    /** all-MiniLM-L6-v2: 384 dimensions, mean pooling, unit length, 256 tokens. */
    public static final EmbeddingSpace MINILM_SPACE = minilm(FP32_REVISION);

    /** bge-small-en-v1.5: 384 dimensions, CLS pooling, unit length, 512 tokens, the query instruction. */
    public static final EmbeddingSpace BGE_SMALL_SPACE = bgeSmall(FP32_REVISION);

    private ReferenceSpaces() {
    }

    /** all-MiniLM-L6-v2's space for weights of this revision (int8 weights make a space of their own). */
    public static EmbeddingSpace minilm(String revision) {
        return new EmbeddingSpace(MINILM, revision, 384, Pooling.MEAN, true, 256, "", "");
    }

    /** bge-small-en-v1.5's space for weights of this revision. */
    public static EmbeddingSpace bgeSmall(String revision) {
        return new EmbeddingSpace(BGE_SMALL, revision, 384, Pooling.CLS, true, 512, BGE_QUERY_INSTRUCTION, "");
    }
}
