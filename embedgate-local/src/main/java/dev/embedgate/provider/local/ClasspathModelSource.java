package dev.embedgate.provider.local;

import dev.embedgate.files.OwnerOnly;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Model files packaged as classpath resources (the model resource jars). ONNX Runtime loads from a file,
 * so the graph is streamed once into a cache folder instead of being read into the heap. The folder is owner-only
 * ({@link OwnerOnly}) and must belong to the user running EmbedGate.
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
        OwnerOnly.folder(cacheDir);
        // ONNX Runtime runs whatever graph it finds here: a folder another user made (in a shared /tmp, say) and
        // filled is never trusted.
        if (!OwnerOnly.ownedByThisUser(cacheDir)) {
            throw new IOException("models.cacheDir " + cacheDir + " belongs to user " + Files.getOwner(cacheDir).getName()
                    + "; EmbedGate extracts and runs model graphs only from a folder of its own user: set "
                    + "models.cacheDir to one");
        }
        Path target = cacheDir.resolve(onnxResource.replace('/', '_') + "-" + size);
        if (Files.exists(target) && Files.size(target) == size) {
            return target;
        }
        // Written into the owner-only temporary file itself (a copy replacing it would make a new file with the
        // default permissions); the move keeps them.
        Path partial = Files.createTempFile(cacheDir, "extract", ".part");
        try {
            try (InputStream in = connection.getInputStream(); OutputStream out = Files.newOutputStream(partial)) {
                in.transferTo(out);
            }
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

    /** Whether both resources are on the class path (a model jar, or the full distribution that bundles them). */
    public boolean present() {
        ClassLoader loader = ClasspathModelSource.class.getClassLoader();
        return loader.getResource(onnxResource) != null && loader.getResource(tokenizerResource) != null;
    }

    @Override
    public String describe() {
        return "classpath:" + onnxResource;
    }
}
