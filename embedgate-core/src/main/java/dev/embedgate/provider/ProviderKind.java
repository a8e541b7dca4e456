package dev.embedgate.provider;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The technologies EmbedGate reaches embedding models through. */
public enum ProviderKind {
    /** OpenAI's {@code /v1/embeddings}, and any server speaking it (Azure OpenAI, vLLM, TEI's /v1, Infinity, LM Studio). */
    OPENAI,
    /** The Hugging Face inference router ({@code hf-inference} feature extraction). */
    HUGGINGFACE,
    /** A Text Embeddings Inference server's native {@code /embed}. */
    TEI,
    /** Cohere's {@code /v2/embed}. */
    COHERE,
    /** An Ollama server's {@code /api/embed}. */
    OLLAMA,
    /** An ONNX model running in-process. */
    LOCAL,
    /** Deterministic vectors without meaning; only ever an explicitly configured degraded fallback. */
    HASH;

    /** The lower-case name used in configuration and provider names, e.g. {@code openai}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind with this configuration name, ignoring case. */
    public static Optional<ProviderKind> fromConfigName(String name) {
        return Arrays.stream(values()).filter(kind -> kind.configName().equalsIgnoreCase(name.strip())).findFirst();
    }
}
