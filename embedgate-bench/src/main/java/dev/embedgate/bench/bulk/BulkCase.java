package dev.embedgate.bench.bulk;

/** One system embedding with one variant of the model at one truncation length. */
public record BulkCase(String system, MiniLmVariant variant, int maxTokens, BulkEmbedder embedder) {

    public static final String EMBEDGATE = "EmbedGate";
    public static final String LANGCHAIN4J = "LangChain4j";

    public String describe() {
        return system + " " + variant.label() + " @" + maxTokens;
    }
}
