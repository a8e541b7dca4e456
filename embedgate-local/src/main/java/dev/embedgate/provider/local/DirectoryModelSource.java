package dev.embedgate.provider.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Model files in a directory: {@code model.onnx} (or {@code onnx/model.onnx}) and {@code tokenizer.json}. */
public record DirectoryModelSource(Path onnxFile, Path tokenizerFile) implements ModelSource {

    @Override
    public Path onnxFile() {
        return onnxFile;
    }

    @Override
    public InputStream openTokenizerJson() throws IOException {
        return Files.newInputStream(tokenizerFile);
    }

    @Override
    public String describe() {
        return onnxFile.toString();
    }
}
