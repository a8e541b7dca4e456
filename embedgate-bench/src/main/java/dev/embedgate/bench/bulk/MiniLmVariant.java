package dev.embedgate.bench.bulk;

import dev.embedgate.provider.local.BuiltInModels;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.function.Supplier;

/** The two weights of all-MiniLM-L6-v2 both systems ship: EmbedGate's model name and LangChain4j's class. */
public enum MiniLmVariant {

    FP32("fp32", BuiltInModels.MINILM, AllMiniLmL6V2EmbeddingModel::new),
    INT8("int8", BuiltInModels.MINILM_INT8, AllMiniLmL6V2QuantizedEmbeddingModel::new);

    /** The longest input LangChain4j's bundled tokenizer.json lets through. */
    public static final int LANGCHAIN4J_MAX_TOKENS = 128;

    private final String label;
    private final String embedGateModel;
    private final Supplier<EmbeddingModel> langChain4jModel;

    MiniLmVariant(String label, String embedGateModel, Supplier<EmbeddingModel> langChain4jModel) {
        this.label = label;
        this.embedGateModel = embedGateModel;
        this.langChain4jModel = langChain4jModel;
    }

    public String label() {
        return label;
    }

    public String embedGateModel() {
        return embedGateModel;
    }

    public EmbeddingModel newLangChain4jModel() {
        return langChain4jModel.get();
    }
}
