package dev.embedgate.memory.migration;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Which memories a migration gives vectors in its target space.
 *
 * @param namespaces    the namespaces migrated, sorted; empty for every namespace of the store
 * @param targetSpace   the space vectors are made in (a space id, known to the store)
 * @param reembedBefore with {@code --force}, the migration's start: a target vector made before it counts as missing
 *                      and is made again (after a model revision, for example); null otherwise
 */
public record MigrationScope(List<String> namespaces, String targetSpace, Instant reembedBefore) {

    public MigrationScope {
        namespaces = namespaces.stream().sorted().distinct().toList();
        Objects.requireNonNull(targetSpace, "targetSpace");
    }

    /** Later than any vector can be made: in a scope re-embedding before it, every memory counts as missing. */
    static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");

    /** Every memory of the namespaces, as a scope whose every target vector counts as missing: to page through all. */
    static MigrationScope everyMemory(List<String> namespaces, String space) {
        return new MigrationScope(namespaces, space, END_OF_TIME);
    }

    public boolean everyNamespace() {
        return namespaces.isEmpty();
    }

    public boolean covers(String namespace) {
        return namespaces.isEmpty() || namespaces.contains(namespace);
    }
}
