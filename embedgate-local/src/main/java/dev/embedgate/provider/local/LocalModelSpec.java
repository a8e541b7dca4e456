package dev.embedgate.provider.local;

import dev.embedgate.space.EmbeddingSpace;
import dev.embedgate.space.Pooling;
import java.util.List;
import java.util.Objects;

/**
 * A model that runs in-process.
 *
 * @param name          the canonical name users send, e.g. {@code sentence-transformers/all-MiniLM-L6-v2}
 * @param aliases       other accepted names
 * @param space         the space its vectors belong to (pooling, normalisation, truncation, prefixes)
 * @param source        where the ONNX graph and tokenizer come from
 * @param batchable     false for models whose output depends on their batch companions (int8 models with
 *                      dynamic activation quantization): those run one text per inference call
 */
public record LocalModelSpec(String name, List<String> aliases, EmbeddingSpace space, ModelSource source, boolean batchable) {

    public LocalModelSpec {
        Objects.requireNonNull(name, "name");
        aliases = List.copyOf(aliases);
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(source, "source");
        if (space.pooling() == Pooling.PROVIDER_DEFINED) {
            throw new IllegalArgumentException("a local model must say how it pools: mean or cls");
        }
    }

    /** The same model cut at a different token length (its vectors then form a different space). */
    public LocalModelSpec withMaxTokens(int maxTokens) {
        return new LocalModelSpec(name, aliases, space.withMaxTokens(maxTokens), source, batchable);
    }
}
