package dev.embedgate.server.memory;

import dev.embedgate.embedding.ModelRegistry;
import dev.embedgate.embedding.ModelRoute;
import dev.embedgate.memory.MemoryService;
import dev.embedgate.memory.MemoryStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Builds the {@link SpacesReport} from what the memory store counts and which spaces the routes serve. */
public final class SpacesService {

    private final MemoryService memory;
    private final ModelRegistry registry;

    public SpacesService(MemoryService memory, ModelRegistry registry) {
        this.memory = memory;
        this.registry = registry;
    }

    /**
     * @param visible the namespaces the caller may see (a key limited to namespaces sees only those)
     */
    public SpacesReport report(Predicate<String> visible) {
        MemoryStats stats = memory.stats();
        var namespaces = new ArrayList<SpacesReport.Namespace>();
        Map<String, List<String>> activeIn = new TreeMap<>();
        for (MemoryStats.NamespaceCounts counts : stats.namespaces()) {
            if (!visible.test(counts.namespace())) {
                continue;
            }
            namespaces.add(new SpacesReport.Namespace(counts.namespace(), counts.activeSpace(), counts.memories(),
                    counts.pending()));
            if (counts.activeSpace() != null) {
                activeIn.computeIfAbsent(counts.activeSpace(), space -> new ArrayList<>()).add(counts.namespace());
            }
        }
        Map<String, List<MemoryStats.SpaceCounts>> bySpace = new TreeMap<>();
        activeIn.keySet().forEach(space -> bySpace.put(space, new ArrayList<>()));
        for (MemoryStats.SpaceCounts counts : stats.spaces()) {
            if (visible.test(counts.namespace())) {
                bySpace.computeIfAbsent(counts.space(), space -> new ArrayList<>()).add(counts);
            }
        }
        var spaces = new ArrayList<SpacesReport.Space>();
        bySpace.forEach((space, counts) -> spaces.add(space(space, counts, activeIn.getOrDefault(space, List.of()))));
        return new SpacesReport("list", memory.defaultSpace().id(), spaces, namespaces);
    }

    private SpacesReport.Space space(String id, List<MemoryStats.SpaceCounts> counts, List<String> activeIn) {
        long vectors = 0;
        long degraded = 0;
        Map<String, Long> byProvider = new TreeMap<>();
        var perNamespace = new ArrayList<SpacesReport.SpaceInNamespace>();
        for (MemoryStats.SpaceCounts each : counts) {
            vectors += each.vectors();
            degraded += each.degraded();
            each.byProvider().forEach((provider, count) -> byProvider.merge(provider, count, Long::sum));
            perNamespace.add(new SpacesReport.SpaceInNamespace(each.namespace(), each.vectors(), each.degraded(),
                    new TreeMap<>(each.byProvider())));
        }
        ModelRoute route = routeOf(id);
        return new SpacesReport.Space("space", id, route != null ? route.space().model() : modelOf(id),
                route != null ? route.space().dimensions() : null, route != null, activeIn, vectors, degraded,
                byProvider, perNamespace);
    }

    private ModelRoute routeOf(String space) {
        for (ModelRoute route : registry.routes()) {
            if (route.space().id().equals(space)) {
                return route;
            }
        }
        return null;
    }

    /** A space id starts with its model's name ({@code model@revision;dim=...}). */
    private static String modelOf(String space) {
        int at = space.indexOf('@');
        return at > 0 ? space.substring(0, at) : space;
    }

    /** What {@code /status} and {@code /metrics} show of the memory. */
    public MemoryTotals totals() {
        MemoryStats stats = memory.stats();
        return new MemoryTotals(memory.storeDescription(),
                stats.namespaces().stream().mapToLong(MemoryStats.NamespaceCounts::memories).sum(),
                stats.namespaces().stream().mapToLong(MemoryStats.NamespaceCounts::pending).sum(),
                stats.spaces().stream().mapToLong(MemoryStats.SpaceCounts::vectors).sum(),
                stats.spaces().stream().mapToLong(MemoryStats.SpaceCounts::degraded).sum(),
                memory.migrations().underWay());
    }
}
