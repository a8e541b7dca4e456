package dev.embedgate.bench.overload;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.embedgate.provider.local.LocalModelSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The floor a lone request is measured against: the same model's ONNX graph called directly in this process, one
 * text per call, with ONNX Runtime's default session options and 2 intra-op threads. Each timed call tokenizes the
 * text and runs the graph, as the server must.
 */
public final class BareOnnx {

    private BareOnnx() {
    }

    /** Median milliseconds of one call over the texts, after as many unmeasured calls. */
    public static double medianMillis(LocalModelSpec model, List<String> texts, int intraOpThreads) throws IOException, OrtException {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (InputStream json = model.source().openTokenizerJson();
             HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(json, Map.of(
                     "truncation", "true", "maxLength", Integer.toString(model.space().maxTokens()),
                     "modelMaxLength", Integer.toString(model.space().maxTokens()), "padding", "false"));
             var options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            try (OrtSession session = environment.createSession(model.source().onnxFile().toString(), options)) {
                for (String text : texts) {
                    call(environment, session, tokenizer, text);
                }
                long[] nanos = new long[texts.size()];
                for (int i = 0; i < texts.size(); i++) {
                    long start = System.nanoTime();
                    call(environment, session, tokenizer, texts.get(i));
                    nanos[i] = System.nanoTime() - start;
                }
                java.util.Arrays.sort(nanos);
                return nanos[nanos.length / 2] / 1e6;
            }
        }
    }

    private static void call(OrtEnvironment environment, OrtSession session, HuggingFaceTokenizer tokenizer, String text)
            throws OrtException {
        long[] ids = tokenizer.encode(text).getIds();
        long[] mask = new long[ids.length];
        java.util.Arrays.fill(mask, 1L);
        long[] shape = {1, ids.length};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape));
            if (session.getInputNames().contains("token_type_ids")) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[ids.length]), shape));
            }
            try (OrtSession.Result ignored = session.run(inputs)) {
                // the vectors themselves are not needed: only the time the call took
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }
}
