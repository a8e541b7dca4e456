package dev.embedgate.memory.migration;

import dev.embedgate.memory.Memory;

/** A memory's address: its namespace and its id. */
public record MemoryKey(String namespace, String id) {

    public static MemoryKey of(Memory memory) {
        return new MemoryKey(memory.namespace(), memory.id());
    }
}
