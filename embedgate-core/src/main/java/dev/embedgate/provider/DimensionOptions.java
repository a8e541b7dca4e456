package dev.embedgate.provider;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The vector lengths a model answers with: its full length, and, for a model trained to be cut (Matryoshka
 * representation learning), shorter ones on request. Each length is a space of its own: the same model at 256 and at
 * 1536 dimensions makes vectors that are never compared.
 *
 * @param nativeDimensions the model's full length
 * @param minDimensions    the shortest length of a range up to the full one, any length of which may be asked for
 *                         (OpenAI's {@code dimensions}); 0 when only the listed sizes may
 * @param sizes            without a range, the lengths that may be asked for (Cohere's {@code output_dimension}),
 *                         ascending, the full length among them; empty with a range
 * @param truncation       whether a shortened vector is the full one's first values scaled back to unit length, as
 *                         OpenAI documents for text-embedding-3: a longer vector of the model then answers for a
 *                         shorter one (cut from a cached vector) exactly as the provider would
 */
public record DimensionOptions(int nativeDimensions, int minDimensions, List<Integer> sizes, boolean truncation) {

    public DimensionOptions {
        sizes = sizes.stream().sorted().distinct().toList();
        if (nativeDimensions <= 0) {
            throw new IllegalArgumentException("nativeDimensions must be positive, was " + nativeDimensions);
        }
        if (minDimensions < 0 || minDimensions > nativeDimensions) {
            throw new IllegalArgumentException("minDimensions must be 0 (no range) or 1-" + nativeDimensions
                    + ", was " + minDimensions);
        }
        if (minDimensions > 0 != sizes.isEmpty()) {
            throw new IllegalArgumentException("give either a range (minDimensions) or the sizes, not both or neither");
        }
        if (minDimensions == 0 && (!sizes.contains(nativeDimensions) || sizes.getFirst() <= 0
                || sizes.getLast() > nativeDimensions)) {
            throw new IllegalArgumentException("sizes " + sizes + " must lie in 1-" + nativeDimensions
                    + " and include " + nativeDimensions);
        }
    }

    /** A model that always answers with its full length. */
    public static DimensionOptions fixed(int dimensions) {
        return new DimensionOptions(dimensions, 0, List.of(dimensions), false);
    }

    /** Any length from 1 to the full one, each the full vector truncated and scaled back to unit length. */
    public static DimensionOptions truncatedUpTo(int nativeDimensions) {
        return new DimensionOptions(nativeDimensions, 1, List.of(), true);
    }

    /** Only these lengths (the longest is the full one), computed by the provider in a way it does not document. */
    public static DimensionOptions sizes(List<Integer> sizes) {
        return new DimensionOptions(sizes.stream().mapToInt(Integer::intValue).max().orElse(0), 0, sizes, false);
    }

    /** Whether the model answers with vectors of this length. */
    public boolean allows(int dimensions) {
        return minDimensions > 0
                ? dimensions >= minDimensions && dimensions <= nativeDimensions
                : sizes.contains(dimensions);
    }

    /** Whether the model answers with any length but its full one. */
    public boolean shortens() {
        return minDimensions > 0 ? minDimensions < nativeDimensions : sizes.size() > 1;
    }

    /** The lengths in words, for messages: {@code 1-1536}, {@code 256, 512, 1024 or 1536}, {@code 384}. */
    public String describe() {
        if (minDimensions > 0) {
            return minDimensions + "-" + nativeDimensions;
        }
        if (sizes.size() == 1) {
            return Integer.toString(nativeDimensions);
        }
        return sizes.subList(0, sizes.size() - 1).stream().map(String::valueOf).collect(Collectors.joining(", "))
                + " or " + sizes.getLast();
    }
}
