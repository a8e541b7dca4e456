package dev.embedgate.memory.pgvector;

import dev.embedgate.memory.MemoryFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random filter trees over a few keys, with the scalars that make equality, ranges and types meet at their edges. */
final class RandomFilters {

    private static final List<Object> SCALARS = List.of(1L, 2L, 2.0, 2.5, -3L, "2", "x", "true", true, false);
    private static final List<Double> BOUNDS = List.of(-3.0, 1.0, 2.0, 2.5);

    private RandomFilters() {
    }

    static MemoryFilter next(Random random, List<String> keys, int depth) {
        String key = keys.get(random.nextInt(keys.size()));
        int kind = random.nextInt(depth > 0 ? 7 : 4);
        return switch (kind) {
            case 0 -> new MemoryFilter.Equals(key, scalar(random));
            case 1 -> new MemoryFilter.In(key, List.of(scalar(random), scalar(random)));
            case 2 -> {
                Double min = random.nextBoolean() ? BOUNDS.get(random.nextInt(BOUNDS.size())) : null;
                Double max = min == null || random.nextBoolean() ? BOUNDS.get(random.nextInt(BOUNDS.size())) : null;
                yield new MemoryFilter.Range(key, min, random.nextBoolean(), max, random.nextBoolean());
            }
            case 3 -> new MemoryFilter.Exists(key);
            case 4 -> new MemoryFilter.And(children(random, keys, depth));
            case 5 -> new MemoryFilter.Or(children(random, keys, depth));
            default -> new MemoryFilter.Not(next(random, keys, depth - 1));
        };
    }

    private static List<MemoryFilter> children(Random random, List<String> keys, int depth) {
        var children = new ArrayList<MemoryFilter>();
        for (int i = 0; i <= random.nextInt(3); i++) {
            children.add(next(random, keys, depth - 1));
        }
        return children;
    }

    private static Object scalar(Random random) {
        return SCALARS.get(random.nextInt(SCALARS.size()));
    }
}
