package dev.embedgate.memory.lucene;

import java.io.IOException;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;

/**
 * Lucene's HNSW vector format (Lucene99) with room for vectors of up to {@link #MAX_DIMENSIONS} dimensions instead of
 * Lucene's default 1,024, so that spaces like OpenAI's 1,536- and 3,072-dimension models can be indexed. The files are
 * the delegate's own; only the limit differs.
 *
 * <p>Lucene records this format's {@link #NAME} with each vector field and finds it again through
 * {@code META-INF/services/org.apache.lucene.codecs.KnnVectorsFormat} when an index is reopened; the public no-argument
 * constructor is for that lookup (reading needs no graph settings).
 */
public final class WideHnswVectorsFormat extends KnnVectorsFormat {

    public static final String NAME = "EmbedGateWideHnsw";
    /** The longest vectors a space may have. */
    public static final int MAX_DIMENSIONS = 8_192;

    private final KnnVectorsFormat delegate;

    /** For Lucene's lookup by name when reading. */
    public WideHnswVectorsFormat() {
        this(Lucene99HnswVectorsFormat.DEFAULT_MAX_CONN, Lucene99HnswVectorsFormat.DEFAULT_BEAM_WIDTH);
    }

    /**
     * @param maxConn   links per node (HNSW's m)
     * @param beamWidth candidates considered while building (HNSW's efConstruction)
     */
    public WideHnswVectorsFormat(int maxConn, int beamWidth) {
        super(NAME);
        this.delegate = new Lucene99HnswVectorsFormat(maxConn, beamWidth);
    }

    @Override
    public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
        return delegate.fieldsWriter(state);
    }

    @Override
    public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
        return delegate.fieldsReader(state);
    }

    @Override
    public int getMaxDimensions(String fieldName) {
        return MAX_DIMENSIONS;
    }

    @Override
    public String toString() {
        return NAME + "(" + delegate + ")";
    }
}
