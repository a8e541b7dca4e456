package dev.embedgate.provider.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** Where a local model's files come from: a resource jar on the classpath, or a directory. */
public interface ModelSource {

    /** A file holding the ONNX graph (resources are extracted once to a cache folder). */
    Path onnxFile() throws IOException;

    /** The Hugging Face {@code tokenizer.json}. */
    InputStream openTokenizerJson() throws IOException;

    /** Where the files come from, for messages. */
    String describe();
}
