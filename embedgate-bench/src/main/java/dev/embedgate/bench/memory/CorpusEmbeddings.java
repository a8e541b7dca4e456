package dev.embedgate.bench.memory;

import dev.embedgate.bench.bulk.BulkSystems;
import dev.embedgate.bench.bulk.EmbedGateBulkEmbedder;
import dev.embedgate.bench.bulk.MiniLmVariant;
import dev.embedgate.provider.local.LocalModelSpec;
import dev.embedgate.provider.local.LocalOnnxProvider;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The corpus embedded once with EmbedGate's in-process all-MiniLM-L6-v2 (fp32, its 256-token limit), as the bulk
 * benchmark runs it, and cached under the work folder: reruns read the file instead of embedding again. The file's
 * name carries a hash of the texts and the model, so that another corpus or model never reads a stale cache.
 */
public final class CorpusEmbeddings {

    private final Path workDir;
    private final PrintStream progress;

    public CorpusEmbeddings(Path workDir, PrintStream progress) {
        this.workDir = workDir;
        this.progress = progress;
    }

    /** Unit vectors, one per text, in the texts' order. */
    public float[][] of(List<String> texts) {
        LocalModelSpec spec = BulkSystems.spec(MiniLmVariant.FP32);
        Path file = workDir.resolve("corpus-" + fingerprint(texts, spec.name()) + ".f32");
        float[][] cached = MatrixFile.readFloats(file);
        if (cached != null && cached.length == texts.size()) {
            progress.printf("memory   corpus vectors read from %s%n", file);
            return cached;
        }
        long start = System.nanoTime();
        float[][] vectors;
        try (var embedder = new EmbedGateBulkEmbedder(new LocalOnnxProvider(spec,
                BulkSystems.defaultSettings(MiniLmVariant.FP32)), 256, 4)) {
            embedder.load();
            vectors = embedder.embed(texts).vectors();
        }
        MatrixFile.writeFloats(file, vectors);
        progress.printf("memory   %d corpus texts embedded with %s in %.1f s, cached in %s%n", texts.size(), spec.name(),
                (System.nanoTime() - start) / 1e9, file);
        return vectors;
    }

    private static String fingerprint(List<String> texts, String model) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(model.getBytes(StandardCharsets.UTF_8));
            for (String text : texts) {
                digest.update((byte) 0);
                digest.update(text.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
