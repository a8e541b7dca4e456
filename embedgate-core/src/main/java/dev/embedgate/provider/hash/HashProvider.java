package dev.embedgate.provider.hash;

import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.ProviderLimits;
import dev.embedgate.provider.ProviderRequest;
import dev.embedgate.provider.ProviderResponse;
import dev.embedgate.provider.TokenCounter;
import dev.embedgate.space.EmbeddingSpace;
import dev.embedgate.space.Pooling;
import dev.embedgate.space.Vectors;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deterministic unit vectors derived from a SHA-256 of each text: <b>they carry no meaning</b> (two paraphrases
 * are as far apart as two unrelated texts; only identical texts match). It exists only as a degraded fallback that
 * configuration asks for explicitly, so that writes keep flowing while every real provider is down; its vectors
 * belong to their own space ({@code embedgate/hash}), which never equals a real model's, so they can never be
 * compared with real vectors, and they are re-embedded once a real provider is back. Its name,
 * {@code hash/<dimensions>}, says what it is wherever it appears. Thread-safe; needs no network.
 */
public final class HashProvider implements EmbeddingProvider {

    private static final Logger log = LoggerFactory.getLogger(HashProvider.class);

    /** The model of every hash space; no real model has this name. */
    public static final String MODEL = "embedgate/hash";
    /**
     * The algorithm: the first 8 bytes (big-endian) of the SHA-256 of the UTF-8 text seed SplitMix64; each output's
     * top 53 bits scaled to [-1, 1) is one component; the vector is then L2-normalised.
     */
    public static final String REVISION = "sha256-splitmix64-v1";

    private static final int MAX_TOKENS = 8192;

    private final EmbeddingSpace space;

    private HashProvider(int dimensions) {
        this.space = new EmbeddingSpace(MODEL, REVISION, dimensions, Pooling.PROVIDER_DEFINED, true, MAX_TOKENS, "", "");
    }

    /**
     * The hash provider, for configuration that names it as a degraded fallback. Never build it otherwise.
     *
     * @param dimensions the vectors' length
     */
    public static HashProvider degradedFallback(int dimensions) {
        var provider = new HashProvider(dimensions);
        log.warn("{} is configured as a degraded fallback: its vectors carry no meaning and form their own space ({})",
                provider.name(), provider.space.id());
        return provider;
    }

    @Override
    public String name() {
        return "hash/" + space.dimensions();
    }

    @Override
    public EmbeddingSpace space() {
        return space;
    }

    @Override
    public ProviderResponse embed(ProviderRequest request) {
        var vectors = new ArrayList<float[]>(request.texts().size());
        long tokens = 0;
        MessageDigest sha256 = sha256();
        for (String text : request.texts()) {
            vectors.add(vector(sha256.digest(text.getBytes(StandardCharsets.UTF_8)), space.dimensions()));
            tokens += TokenCounter.estimate().count(text);
        }
        return new ProviderResponse(vectors, tokens, List.of());
    }

    static float[] vector(byte[] digest, int dimensions) {
        long state = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            state = (state << 8) | (digest[i] & 0xff);
        }
        float[] vector = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            state += 0x9E3779B97F4A7C15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z = z ^ (z >>> 31);
            vector[i] = (float) ((z >>> 11) * 0x1.0p-52 - 1.0);
        }
        Vectors.normalize(vector);
        return vector;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public ProviderLimits limits() {
        return new ProviderLimits(2048, MAX_TOKENS, Integer.MAX_VALUE);
    }

    @Override
    public int countTokens(String text) {
        return TokenCounter.estimate().count(text);
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public void warmUp() {
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return name();
    }
}
