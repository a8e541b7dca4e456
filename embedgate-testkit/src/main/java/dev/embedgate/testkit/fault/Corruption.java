package dev.embedgate.testkit.fault;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** How a 200 answer is spoiled, as a buggy provider or proxy would spoil it. */
public enum Corruption {
    NONE,
    /** The body is cut off half-way: not valid JSON. */
    MALFORMED,
    /** The first vector's first value is NaN (written as the bare token {@code NaN}, which JSON does not allow). */
    NAN,
    /** Every vector has half the model's dimensions. */
    WRONG_DIMENSIONS,
    /** One vector fewer than inputs. */
    WRONG_COUNT;

    /** The vectors as this corruption returns them (MALFORMED spoils the body, not the vectors). */
    public List<float[]> apply(List<float[]> vectors) {
        return switch (this) {
            case NONE, MALFORMED -> vectors;
            case NAN -> {
                if (vectors.isEmpty()) {
                    yield vectors;
                }
                float[] first = vectors.getFirst().clone();
                first[0] = Float.NaN;
                var copy = new ArrayList<>(vectors);
                copy.set(0, first);
                yield copy;
            }
            case WRONG_DIMENSIONS -> vectors.stream().map(v -> Arrays.copyOf(v, Math.max(1, v.length / 2))).toList();
            case WRONG_COUNT -> vectors.isEmpty() ? vectors : vectors.subList(0, vectors.size() - 1);
        };
    }
}
