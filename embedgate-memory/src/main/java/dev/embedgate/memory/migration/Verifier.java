package dev.embedgate.memory.migration;

import dev.embedgate.call.Priority;
import dev.embedgate.embedding.Caller;
import dev.embedgate.embedding.EmbeddingService;
import dev.embedgate.embedding.SpaceEmbeddingRequest;
import dev.embedgate.error.ConflictException;
import dev.embedgate.memory.Memory;
import dev.embedgate.memory.MemoryFilter;
import dev.embedgate.memory.MemoryStore;
import dev.embedgate.memory.PendingCursor;
import dev.embedgate.memory.ScoredMemory;
import dev.embedgate.memory.VectorQuery;
import dev.embedgate.space.InputType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;

/**
 * Compares recall in a migration's target space with recall in the space it replaces, on queries: stored memories'
 * contents (a deterministic sample, the memory itself left out of both rankings) or texts the caller gives, each
 * embedded as a query in both spaces.
 */
final class Verifier {

    static final int MAX_QUERIES = 1_000;
    static final int MAX_K = 100;
    private static final int SAMPLES_SHOWN = 3;
    private static final int PAGE = 1_000;
    private static final int SNIPPET = 120;

    private final MemoryStore store;
    private final EmbeddingService embeddings;

    Verifier(MemoryStore store, EmbeddingService embeddings) {
        this.store = store;
        this.embeddings = embeddings;
    }

    Verification verify(Migration migration, int sample, int k, List<String> queries, Caller caller) {
        MigrationCounts counts = store.migrations().counts(migration.id());
        var overlaps = new ArrayList<Double>();
        var shown = new ArrayList<Verification.Sample>();
        for (Query query : queries(migration, sample, queries)) {
            String oldSpace = oldSpace(migration, query.namespace());
            if (oldSpace == null || oldSpace.equals(migration.targetSpace())) {
                continue;
            }
            List<Verification.Hit> old = search(query, oldSpace, k, caller);
            List<Verification.Hit> fresh = search(query, migration.targetSpace(), k, caller);
            double overlap = overlap(old, fresh, k);
            overlaps.add(overlap);
            if (shown.size() < SAMPLES_SHOWN) {
                shown.add(new Verification.Sample(query.namespace(), snippet(query.text()), oldSpace, old, fresh,
                        overlap));
            }
        }
        if (overlaps.isEmpty()) {
            throw new ConflictException("nothing to compare: no namespace of migration " + migration.id()
                    + " has memories and another active space", "nothing_to_verify");
        }
        double mean = overlaps.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double min = overlaps.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        return new Verification(k, overlaps.size(), mean, min, counts.missing(), counts.failed(), shown);
    }

    private record Query(String namespace, String text, String selfId) {
    }

    private List<Query> queries(Migration migration, int sample, List<String> texts) {
        List<String> namespaces = migration.scope().everyNamespace() ? store.namespaces()
                : migration.scope().namespaces();
        var queries = new ArrayList<Query>();
        if (!texts.isEmpty()) {
            for (String namespace : namespaces) {
                texts.forEach(text -> queries.add(new Query(namespace, text, null)));
            }
            return queries.subList(0, Math.min(queries.size(), MAX_QUERIES));
        }
        var everything = MigrationScope.everyMemory(migration.scope().namespaces(), migration.targetSpace());
        var random = new Random(migration.id().hashCode());
        var reservoir = new ArrayList<Memory>(sample);
        long seen = 0;
        PendingCursor cursor = null;
        List<Memory> page;
        while (!(page = store.migrations().missing(everything, cursor, PAGE)).isEmpty()) {
            for (Memory memory : page) {
                seen++;
                if (reservoir.size() < sample) {
                    reservoir.add(memory);
                } else {
                    long slot = (long) (random.nextDouble() * seen);
                    if (slot < sample) {
                        reservoir.set((int) slot, memory);
                    }
                }
            }
            cursor = PendingCursor.after(page.getLast());
        }
        reservoir.forEach(memory -> queries.add(new Query(memory.namespace(), memory.content(), memory.id())));
        return queries;
    }

    private String oldSpace(Migration migration, String namespace) {
        if (migration.state() == MigrationState.CUT_OVER) {
            return migration.previousSpaces().get(namespace);
        }
        return store.activeSpace(namespace).orElse(null);
    }

    private List<Verification.Hit> search(Query query, String space, int k, Caller caller) {
        var request = new SpaceEmbeddingRequest(space, List.of(query.text()), InputType.QUERY, Priority.ONLINE);
        float[] vector = embeddings.embed(request, caller).vectors().getFirst();
        List<ScoredMemory> found = store.nearest(new VectorQuery(query.namespace(), space, vector, k + 1,
                MemoryFilter.ALL, -1));
        return found.stream().filter(scored -> !scored.memory().id().equals(query.selfId())).limit(k)
                .map(scored -> new Verification.Hit(scored.memory().id(), snippet(scored.memory().content()),
                        scored.score())).toList();
    }

    private static double overlap(List<Verification.Hit> old, List<Verification.Hit> fresh, int k) {
        if (old.isEmpty()) {
            return fresh.isEmpty() ? 1 : 0;
        }
        var ids = new HashSet<String>();
        old.forEach(hit -> ids.add(hit.id()));
        long shared = fresh.stream().filter(hit -> ids.contains(hit.id())).count();
        return (double) shared / Math.min(k, old.size());
    }

    private static String snippet(String text) {
        if (text.length() <= SNIPPET) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(SNIPPET - 1)) ? SNIPPET - 1 : SNIPPET;
        return text.substring(0, end) + "…";
    }
}
