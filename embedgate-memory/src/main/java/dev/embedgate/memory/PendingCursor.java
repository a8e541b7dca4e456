package dev.embedgate.memory;

/**
 * Where a scan of memories stopped: memories come in (namespace, id) order, and a scan goes on after this one.
 */
public record PendingCursor(String namespace, String id) {

    /** The cursor just after a memory. */
    public static PendingCursor after(Memory memory) {
        return new PendingCursor(memory.namespace(), memory.id());
    }
}
