package dev.embedgate.bench.bulk;

import java.util.Objects;

/**
 * What a bulk embedding produced.
 *
 * @param vectors      one vector per text, in input order
 * @param promptTokens tokens the model read (after truncation, special tokens included), or -1 if the system
 *                     does not report them in that unit
 * @param truncated    per text, whether it was cut to the token limit; null if the system does not say
 */
public record BulkOutput(float[][] vectors, long promptTokens, boolean[] truncated) {

    public BulkOutput {
        Objects.requireNonNull(vectors, "vectors");
        if (truncated != null && truncated.length != vectors.length) {
            throw new IllegalArgumentException(vectors.length + " vectors but " + truncated.length + " truncation flags");
        }
    }
}
