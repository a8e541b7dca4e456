package dev.embedgate.bench.bulk;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.List;

/**
 * LangChain4j's in-process model as its users call it for many texts: one {@code embedAll}, which runs one ONNX
 * call per text on the model's own executor. LangChain4j counts tokens differently (no special tokens, before
 * truncation), so this embedder reports none; the benchmark uses EmbedGate's count for the same texts.
 */
public final class LangChain4jBulkEmbedder implements BulkEmbedder {

    private final EmbeddingModel model;

    public LangChain4jBulkEmbedder(EmbeddingModel model) {
        this.model = model;
    }

    @Override
    public void load() {
        model.embed("warm up");
    }

    @Override
    public BulkOutput embed(List<String> texts) {
        List<Embedding> embeddings = model.embedAll(texts.stream().map(TextSegment::from).toList()).content();
        var vectors = new float[embeddings.size()][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = embeddings.get(i).vector();
        }
        return new BulkOutput(vectors, -1, null);
    }

    @Override
    public void close() {
        // The model's executor lets its threads time out on their own; it offers nothing to close.
    }
}
