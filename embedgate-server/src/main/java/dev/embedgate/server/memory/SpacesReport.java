package dev.embedgate.server.memory;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /v1/spaces} and {@code embedgate spaces} show: how the stored memories' vectors are spread over
 * embedding spaces, per namespace, and what is still pending.
 *
 * @param defaultSpace the space new namespaces start in
 * @param data         every space that holds vectors or is some namespace's active space
 * @param namespaces   every namespace, with its active space and counts
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SpacesReport(String object, String defaultSpace, List<Space> data, List<Namespace> namespaces) {

    public SpacesReport {
        data = List.copyOf(data);
        namespaces = List.copyOf(namespaces);
    }

    /**
     * @param model      the model whose vectors these are (from the space's id)
     * @param dimensions the vectors' length, when a configured route serves the space
     * @param served     whether this gateway can embed in the space now (a route of it is configured)
     * @param activeIn   the namespaces whose active space this is
     * @param vectors    vectors stored, every namespace together
     * @param degraded   how many of them are stand-ins made by a fallback, awaiting repair
     * @param byProvider vectors per provider that made them
     * @param namespaces the same counts per namespace
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Space(String object, String id, String model, Integer dimensions, boolean served,
                        List<String> activeIn, long vectors, long degraded, Map<String, Long> byProvider,
                        List<SpaceInNamespace> namespaces) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SpaceInNamespace(String namespace, long vectors, long degraded, Map<String, Long> byProvider) {
    }

    /**
     * @param pending memories without a vector in the active space yet (the background worker embeds them)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Namespace(String namespace, String activeSpace, long memories, long pending) {
    }
}
