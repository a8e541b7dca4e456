package dev.embedgate.provider.local;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One ONNX Runtime session of a cross-encoder: batches of tokenized pairs in, one relevance logit per pair out.
 *
 * <p>The graph must take {@code input_ids} and {@code attention_mask} (int64 [batch, sequence]), and may take
 * {@code token_type_ids} (fed only when it does); it must answer {@code logits} (or its only output) as float
 * [batch, labels] with 1 label (the relevance logit) or 2. With two labels, label 1 is the relevant class and the
 * relevance logit is {@code logit[1] - logit[0]}: its sigmoid is exactly softmax's probability of label 1. Each
 * batch is padded to its longest pair, and padding is masked, so a pair's logit does not depend on its companions (up
 * to float rounding). {@link #relevance} is thread-safe.
 */
final class CrossEncoderSession implements AutoCloseable {

    private static final String INPUT_IDS = "input_ids";
    private static final String ATTENTION_MASK = "attention_mask";
    private static final String TOKEN_TYPE_IDS = "token_type_ids";
    private static final String LOGITS = "logits";

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final boolean takesTokenTypes;
    private final String output;
    private final int labels;

    /**
     * @throws IOException if the graph cannot load or is not a cross-encoder's; the message names the directory and
     *                     what is missing
     */
    CrossEncoderSession(CrossEncoderDirectory files, int threads) throws IOException {
        this.environment = OrtEnvironment.getEnvironment();
        try {
            this.session = OnnxSessions.open(environment, files.onnxFile(), threads, false);
        } catch (OrtException e) {
            throw new IOException("cannot load the ONNX graph " + files.onnxFile() + ": " + e.getMessage(), e);
        }
        try {
            checkInputs(files);
            this.takesTokenTypes = session.getInputNames().contains(TOKEN_TYPE_IDS);
            this.output = outputName(files);
            this.labels = labels(files);
        } catch (IOException | OrtException | RuntimeException e) {
            close();
            throw e instanceof IOException io ? io : new IOException("cannot read the ONNX graph " + files.onnxFile()
                    + ": " + e.getMessage(), e);
        }
    }

    private void checkInputs(CrossEncoderDirectory files) throws OrtException, IOException {
        Map<String, NodeInfo> inputs = session.getInputInfo();
        for (String required : List.of(INPUT_IDS, ATTENTION_MASK)) {
            if (!inputs.containsKey(required)) {
                throw new IOException("the ONNX graph in " + files.directory() + " has no input '" + required
                        + "' (it takes " + inputs.keySet() + "); a cross-encoder takes input_ids, attention_mask and "
                        + "optionally token_type_ids");
            }
        }
        for (Map.Entry<String, NodeInfo> input : inputs.entrySet()) {
            if (!Set.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS).contains(input.getKey())) {
                throw new IOException("the ONNX graph in " + files.directory() + " takes an input '" + input.getKey()
                        + "' that a cross-encoder is not given");
            }
            if (!(input.getValue().getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.INT64
                    || tensor.getShape().length != 2) {
                throw new IOException("the ONNX graph in " + files.directory() + " takes '" + input.getKey() + "' as "
                        + input.getValue().getInfo() + "; expected int64 [batch, sequence]");
            }
        }
    }

    private String outputName(CrossEncoderDirectory files) throws OrtException, IOException {
        Set<String> outputs = session.getOutputNames();
        if (outputs.contains(LOGITS)) {
            return LOGITS;
        }
        if (outputs.size() == 1) {
            return outputs.iterator().next();
        }
        throw new IOException("the ONNX graph in " + files.directory() + " has no output 'logits' (it answers "
                + outputs + ")");
    }

    /** The graph's label count, checked against the config's; 1 or 2. */
    private int labels(CrossEncoderDirectory files) throws OrtException, IOException {
        NodeInfo info = session.getOutputInfo().get(output);
        if (!(info.getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT
                || tensor.getShape().length != 2) {
            throw new IOException("the ONNX graph in " + files.directory() + " answers '" + output + "' as "
                    + info.getInfo() + "; a cross-encoder answers float logits [batch, labels] (is this an "
                    + "embedding model?)");
        }
        long graphLabels = tensor.getShape()[1];
        if (graphLabels > 0 && files.labels() > 0 && graphLabels != files.labels()) {
            throw new IOException("the ONNX graph in " + files.directory() + " answers " + graphLabels
                    + " labels but its config.json declares " + files.labels());
        }
        long labels = graphLabels > 0 ? graphLabels : files.labels();
        if (labels != 1 && labels != 2) {
            throw new IOException("cannot tell how many labels the cross-encoder in " + files.directory()
                    + " answers (" + (labels <= 0 ? "neither its graph nor config.json says" : labels) + "); "
                    + "expected 1 (a relevance logit) or 2 (not relevant, relevant)");
        }
        return (int) labels;
    }

    /** The relevance logit of every pair of the batch, in order, each as a one-element row. */
    float[][] relevance(List<TokenizedPair> batch) throws OrtException {
        int rows = batch.size();
        int columns = 0;
        for (TokenizedPair pair : batch) {
            columns = Math.max(columns, pair.length());
        }
        long[] ids = new long[rows * columns];
        long[] mask = new long[rows * columns];
        long[] types = new long[rows * columns];
        for (int row = 0; row < rows; row++) {
            TokenizedPair pair = batch.get(row);
            int start = row * columns;
            System.arraycopy(pair.ids(), 0, ids, start, pair.length());
            System.arraycopy(pair.typeIds(), 0, types, start, pair.length());
            Arrays.fill(mask, start, start + pair.length(), 1L);
        }
        long[] shape = {rows, columns};
        Map<String, OnnxTensor> inputs = new HashMap<>(4);
        try {
            inputs.put(INPUT_IDS, OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape));
            inputs.put(ATTENTION_MASK, OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape));
            if (takesTokenTypes) {
                inputs.put(TOKEN_TYPE_IDS, OnnxTensor.createTensor(environment, LongBuffer.wrap(types), shape));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                OnnxTensor logits = (OnnxTensor) result.get(output).orElseThrow();
                long[] logitsShape = logits.getInfo().getShape();
                if (logitsShape.length != 2 || logitsShape[0] != rows || logitsShape[1] != labels) {
                    throw new IllegalStateException("the graph answered logits of shape "
                            + Arrays.toString(logitsShape) + " for " + rows + " pairs; expected [" + rows
                            + ", " + labels + "]");
                }
                FloatBuffer values = logits.getFloatBuffer();
                float[][] relevance = new float[rows][];
                for (int row = 0; row < rows; row++) {
                    relevance[row] = new float[] {labels == 1 ? values.get(row)
                            : values.get(2 * row + 1) - values.get(2 * row)};
                }
                return relevance;
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("could not close the ONNX session", e);
        }
    }
}
