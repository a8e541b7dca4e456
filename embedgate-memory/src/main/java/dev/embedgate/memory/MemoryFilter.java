package dev.embedgate.memory;

import java.util.List;
import java.util.Objects;

/**
 * A condition on a memory's metadata, by top-level key. Stores translate it into their own query language with every
 * key and value bound as data, never spliced into query text. A key matches through its {@link Metadata#scalars}
 * values: a list matches when any element does. Numbers compare by value (2 equals 2.0); a string never equals a
 * number, and ranges match numbers only.
 */
public sealed interface MemoryFilter {

    /** Matches every memory. */
    MemoryFilter ALL = new And(List.of());

    /** The key holds the value (or a list holding it). */
    record Equals(String key, Object value) implements MemoryFilter {
        public Equals {
            requireKey(key);
            requireScalar(value);
        }
    }

    /** The key holds one of the values (or a list holding one). */
    record In(String key, List<Object> values) implements MemoryFilter {
        public In {
            requireKey(key);
            values = List.copyOf(values);
            values.forEach(MemoryFilter::requireScalar);
        }
    }

    /**
     * The key holds a number within the bounds (or a list holding one).
     *
     * @param min null for no lower bound
     * @param max null for no upper bound
     */
    record Range(String key, Double min, boolean minInclusive, Double max, boolean maxInclusive)
            implements MemoryFilter {
        public Range {
            requireKey(key);
            if (min == null && max == null) {
                throw new IllegalArgumentException("a range needs a bound");
            }
        }
    }

    /** The key is present with a value other than null. */
    record Exists(String key) implements MemoryFilter {
        public Exists {
            requireKey(key);
        }
    }

    /** Every condition holds (none: every memory matches). */
    record And(List<MemoryFilter> all) implements MemoryFilter {
        public And {
            all = List.copyOf(all);
        }
    }

    /** At least one condition holds. */
    record Or(List<MemoryFilter> any) implements MemoryFilter {
        public Or {
            any = List.copyOf(any);
            if (any.isEmpty()) {
                throw new IllegalArgumentException("an or needs at least one condition");
            }
        }
    }

    /** The condition does not hold. */
    record Not(MemoryFilter negated) implements MemoryFilter {
        public Not {
            Objects.requireNonNull(negated, "negated");
        }
    }

    /** Whether this filter matches every memory. */
    default boolean matchesAll() {
        return this instanceof And and && and.all().stream().allMatch(MemoryFilter::matchesAll);
    }

    private static void requireKey(String key) {
        if (key == null || key.isEmpty() || key.length() > Metadata.MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("a filter key must be 1.." + Metadata.MAX_KEY_LENGTH + " characters");
        }
    }

    private static void requireScalar(Object value) {
        if (!(value instanceof String || value instanceof Long || value instanceof Double || value instanceof Boolean)) {
            throw new IllegalArgumentException("filter values are strings, numbers (Long, Double) or booleans, not "
                    + (value == null ? "null" : value.getClass().getSimpleName()));
        }
    }
}
