package dev.embedgate.server.memory;

import dev.embedgate.memory.MemoryService;
import dev.embedgate.memory.MemoryStore;

/**
 * The memory as the gateway runs it: the service HTTP and the CLI call, the report of its spaces, and the store
 * underneath. Closing stops the service's background worker, then closes the store.
 */
public record MemoryParts(MemoryService service, SpacesService spaces, MemoryStore store) implements AutoCloseable {

    @Override
    public void close() {
        try {
            service.close();
        } finally {
            store.close();
        }
    }
}
