package dev.embedgate.provider.local;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Model files packaged as classpath resources (the model resource jars). ONNX Runtime loads from a file,
 * so the graph is streamed once into a cache folder instead of being read into the heap.
 */
public record ClasspathModelSource(String onnxResource, String tokenizerResource, Path cacheDir) implements ModelSource {

    @Override
    public Path onnxFile() throws IOException {
        var url = ClasspathModelSource.class.getClassLoader().getResource(onnxResource);
        if (url == null) {
            throw new FileNotFoundException("model resource " + onnxResource + " is not on the classpath");
        }
        var connection = url.openConnection();
        long size = connection.getContentLengthLong();
        Path target = cacheDir.resolve(onnxResource.replace('/', '_') + "-" + size);
        if (Files.exists(target) && Files.size(target) == size) {
            return target;
        }
        Files.createDirectories(cacheDir);
        Path partial = Files.createTempFile(cacheDir, "extract", ".part");
        try (InputStream in = connection.getInputStream()) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return target;
    }

    @Override
    public InputStream openTokenizerJson() throws IOException {
        InputStream in = ClasspathModelSource.class.getClassLoader().getResourceAsStream(tokenizerResource);
        if (in == null) {
            throw new FileNotFoundException("tokenizer resource " + tokenizerResource + " is not on the classpath");
        }
        return in;
    }

    @Override
    public String describe() {
        return "classpath:" + onnxResource;
    }
}
