package dev.embedgate.provider.local;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;

/** How every local model opens its ONNX Runtime sessions. */
final class OnnxSessions {

    private OnnxSessions() {
    }

    /**
     * A session of the graph that runs one call on {@code threads} intra-op threads, sequentially, fully optimised.
     *
     * @param spinning whether the intra-op threads may spin between the graph's parallel steps: only for a call that
     *                 has the machine to itself, since spinning threads burn the cores that tokenization and HTTP
     *                 need between batches
     */
    static OrtSession open(OrtEnvironment environment, Path onnxFile, int threads, boolean spinning)
            throws OrtException {
        try (var options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", spinning ? "1" : "0");
            return environment.createSession(onnxFile.toString(), options);
        }
    }
}
