package dev.embedgate.memory.migration;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The spaces a save must be embedded in besides its namespace's active one: the target of every live migration of
 * the namespace (so that memories written during a run need no second pass), and after cutover the space it replaced
 * (so that a rollback finds every memory there). Refreshed from the store as migrations change.
 */
final class DualWrites {

    private volatile List<Migration> migrations = List.of();

    void refresh(List<Migration> all) {
        migrations = all.stream().filter(m -> m.state().live() || m.state() == MigrationState.CUT_OVER).toList();
    }

    Set<String> extraSpaces(String namespace) {
        var spaces = new LinkedHashSet<String>();
        for (Migration migration : migrations) {
            if (!migration.scope().covers(namespace)) {
                continue;
            }
            if (migration.state() == MigrationState.CUT_OVER) {
                String previous = migration.previousSpaces().get(namespace);
                if (previous != null) {
                    spaces.add(previous);
                }
            } else {
                spaces.add(migration.targetSpace());
            }
        }
        return spaces;
    }
}
