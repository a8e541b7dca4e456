package dev.embedgate.memory.lucene;

import dev.embedgate.memory.HnswSettings;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;

/**
 * Lucene's current codec with every vector field in {@link WideHnswVectorsFormat}, built with the store's HNSW
 * settings. The codec keeps Lucene's name: each field records its own vector format, so a reader needs only Lucene's
 * codec and this module's format on the class path.
 */
final class MemoryCodec extends Lucene103Codec {

    private final KnnVectorsFormat vectors;

    MemoryCodec(HnswSettings settings) {
        this.vectors = new WideHnswVectorsFormat(settings.m(), settings.efConstruction());
    }

    @Override
    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return vectors;
    }
}
