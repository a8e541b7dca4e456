package dev.embedgate.provider.local;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.embedgate.space.EmbeddingSpace;
import dev.embedgate.space.Pooling;
import dev.embedgate.space.Vectors;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One ONNX Runtime session of a BERT-style encoder, turning batches of token ids into pooled vectors.
 * Each batch is padded only to its longest text, and pooling reads real tokens only, so a text's vector does
 * not depend on its companions (up to float rounding for fp32 graphs). {@link #encode} is thread-safe.
 */
final class OnnxEncoder implements AutoCloseable {

    private static final String TOKEN_TYPE_IDS = "token_type_ids";
    private static final String HIDDEN_STATE_OUTPUT = "last_hidden_state";

    private final OrtEnvironment environment;
    private final OrtSession session;
    /** The same graph on every core, for a batch that runs alone on an idle machine; null when not wanted. */
    private final OrtSession loneSession;
    private final EmbeddingSpace space;
    private final boolean needsTokenTypes;
    private final String outputName;

    /**
     * @param intraOpThreads threads of one call while other calls may run beside it
     * @param loneThreads    threads of a call that runs alone (a second session of the graph, about its size in
     *                       memory again); at most {@code intraOpThreads} for none
     */
    OnnxEncoder(Path onnxFile, EmbeddingSpace space, int intraOpThreads, int loneThreads) throws OrtException {
        this.environment = OrtEnvironment.getEnvironment();
        this.space = space;
        // Spinning intra-op threads would burn the cores that tokenization and HTTP need between batches.
        this.session = OnnxSessions.open(environment, onnxFile, intraOpThreads, false);
        // Alone, a call has the machine to itself: its threads may spin between the graph's parallel steps, which
        // is what makes a short text faster on two threads than on one.
        this.loneSession = loneThreads > intraOpThreads ? OnnxSessions.open(environment, onnxFile, loneThreads, true) : null;
        this.needsTokenTypes = session.getInputNames().contains(TOKEN_TYPE_IDS);
        this.outputName = session.getOutputNames().contains(HIDDEN_STATE_OUTPUT)
                ? HIDDEN_STATE_OUTPUT
                : session.getOutputNames().iterator().next();
    }

    /**
     * Embeds a batch of tokenized texts; one pooled (and, if the space says so, normalised) vector each.
     *
     * @param alone whether no other call runs beside this one, so that it may use every core
     */
    float[][] encode(List<long[]> batch, boolean alone) throws OrtException {
        int rows = batch.size();
        int columns = 0;
        for (long[] ids : batch) {
            columns = Math.max(columns, ids.length);
        }
        long[] ids = new long[rows * columns];
        long[] mask = new long[rows * columns];
        for (int row = 0; row < rows; row++) {
            long[] text = batch.get(row);
            System.arraycopy(text, 0, ids, row * columns, text.length);
            Arrays.fill(mask, row * columns, row * columns + text.length, 1L);
        }
        long[] shape = {rows, columns};
        Map<String, OnnxTensor> inputs = new HashMap<>(4);
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape));
            if (needsTokenTypes) {
                inputs.put(TOKEN_TYPE_IDS, OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[rows * columns]), shape));
            }
            try (OrtSession.Result result = (alone && loneSession != null ? loneSession : session).run(inputs)) {
                OnnxTensor hidden = (OnnxTensor) result.get(outputName).orElseThrow();
                long[] hiddenShape = hidden.getInfo().getShape();
                int width = (int) hiddenShape[2];
                if (width != space.dimensions()) {
                    throw new IllegalStateException("the ONNX graph outputs " + width + " dimensions but the space "
                            + space.id() + " declares " + space.dimensions());
                }
                return pool(hidden.getFloatBuffer(), batch, columns, width);
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private float[][] pool(FloatBuffer hidden, List<long[]> batch, int columns, int width) {
        float[][] vectors = new float[batch.size()][];
        for (int row = 0; row < batch.size(); row++) {
            int tokens = space.pooling() == Pooling.CLS ? 1 : batch.get(row).length;
            float[] vector = new float[width];
            int rowStart = row * columns * width;
            for (int token = 0; token < tokens; token++) {
                int offset = rowStart + token * width;
                for (int d = 0; d < width; d++) {
                    vector[d] += hidden.get(offset + d);
                }
            }
            if (tokens > 1) {
                for (int d = 0; d < width; d++) {
                    vector[d] /= tokens;
                }
            }
            if (space.normalized()) {
                Vectors.normalize(vector);
            }
            vectors[row] = vector;
        }
        return vectors;
    }

    @Override
    public void close() {
        try {
            session.close();
            if (loneSession != null) {
                loneSession.close();
            }
        } catch (OrtException e) {
            throw new IllegalStateException("could not close the ONNX session", e);
        }
    }
}
