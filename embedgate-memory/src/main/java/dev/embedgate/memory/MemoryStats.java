package dev.embedgate.memory;

import java.util.List;
import java.util.Map;

/**
 * What a store holds, by namespace and by space: the "embedding distribution" view.
 *
 * @param namespaces every namespace with memories or an active space
 * @param spaces     every (space, namespace) pair holding vectors
 */
public record MemoryStats(List<NamespaceCounts> namespaces, List<SpaceCounts> spaces) {

    public MemoryStats {
        namespaces = List.copyOf(namespaces);
        spaces = List.copyOf(spaces);
    }

    /**
     * @param activeSpace the space recall embeds queries in, or null when none was set yet
     * @param memories    memories saved
     * @param pending     memories without a vector in the active space yet
     */
    public record NamespaceCounts(String namespace, String activeSpace, long memories, long pending) {
    }

    /**
     * @param vectors    vectors of the namespace's memories in the space
     * @param degraded   how many of them are stand-ins made by a fallback, awaiting repair
     * @param byProvider vectors per provider that made them
     */
    public record SpaceCounts(String space, String namespace, long vectors, long degraded,
                              Map<String, Long> byProvider) {

        public SpaceCounts {
            byProvider = Map.copyOf(byProvider);
        }
    }
}
