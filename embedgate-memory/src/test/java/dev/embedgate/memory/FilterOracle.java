package dev.embedgate.memory;

import java.util.List;

/** What a filter means, evaluated in Java over a memory's metadata: the answer every store's query must give. */
public final class FilterOracle {

    private FilterOracle() {
    }

    public static boolean matches(MemoryFilter filter, Metadata metadata) {
        return switch (filter) {
            case MemoryFilter.Equals equals -> metadata.scalars(equals.key()).stream()
                    .anyMatch(value -> same(value, equals.value()));
            case MemoryFilter.In in -> metadata.scalars(in.key()).stream()
                    .anyMatch(value -> in.values().stream().anyMatch(wanted -> same(value, wanted)));
            case MemoryFilter.Range range -> metadata.scalars(range.key()).stream()
                    .anyMatch(value -> value instanceof Number number && within(number.doubleValue(), range));
            case MemoryFilter.Exists exists -> metadata.values().get(exists.key()) != null;
            case MemoryFilter.And and -> and.all().stream().allMatch(each -> matches(each, metadata));
            case MemoryFilter.Or or -> or.any().stream().anyMatch(each -> matches(each, metadata));
            case MemoryFilter.Not not -> !matches(not.negated(), metadata);
        };
    }

    private static boolean same(Object stored, Object wanted) {
        if (stored instanceof Number a && wanted instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        return stored.equals(wanted);
    }

    private static boolean within(double value, MemoryFilter.Range range) {
        if (range.min() != null && (range.minInclusive() ? value < range.min() : value <= range.min())) {
            return false;
        }
        return range.max() == null || (range.maxInclusive() ? value <= range.max() : value < range.max());
    }

    /** The ids of the memories that match. */
    public static List<String> matchingIds(MemoryFilter filter, List<Memory> memories) {
        return memories.stream().filter(memory -> matches(filter, memory.metadata())).map(Memory::id).sorted().toList();
    }
}
