package dev.embedgate.memory.lucene;

import dev.embedgate.memory.MemoryStats;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.Bits;

/**
 * Counts what the index holds in one pass over the doc values of every live document: memories and pending ones per
 * namespace, vectors per (space, namespace) with their providers and degraded ones. Each segment's distinct values
 * are decoded once; a document costs a few array reads (about 10 ms for 100,000 memories).
 */
final class StoreStats {

    private final SpaceRegistry spaces;
    private final Map<String, NamespaceTally> namespaces = new TreeMap<>();
    private final Map<String, Map<String, SpaceTally>> bySpace = new TreeMap<>();

    private StoreStats(SpaceRegistry spaces) {
        this.spaces = spaces;
    }

    static MemoryStats count(IndexSearcher searcher, SpaceRegistry spaces) throws IOException {
        var stats = new StoreStats(spaces);
        Map<String, String> active = spaces.activeSpaces();
        active.keySet().forEach(stats::namespace);
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            stats.countSegment(leaf.reader(), active);
        }
        return stats.result(active);
    }

    private void countSegment(LeafReader reader, Map<String, String> active) throws IOException {
        SortedDocValues namespaceValues = DocValues.getSorted(reader, MemoryDocuments.NAMESPACE);
        SortedSetDocValues kindValues = DocValues.getSortedSet(reader, MemoryDocuments.VECTOR_KINDS);
        var namespaceOfOrd = new NamespaceTally[namespaceValues.getValueCount()];
        var activeFieldOfOrd = new String[namespaceOfOrd.length];
        var kindOfOrd = new VectorKind[Math.toIntExact(kindValues.getValueCount())];
        Bits live = reader.getLiveDocs();
        for (int doc = 0; doc < reader.maxDoc(); doc++) {
            if ((live != null && !live.get(doc)) || !namespaceValues.advanceExact(doc)) {
                continue;
            }
            int ord = namespaceValues.ordValue();
            if (namespaceOfOrd[ord] == null) {
                String name = namespaceValues.lookupOrd(ord).utf8ToString();
                namespaceOfOrd[ord] = namespace(name);
                String activeSpace = active.get(name);
                activeFieldOfOrd[ord] = activeSpace == null ? null : spaces.field(activeSpace);
            }
            NamespaceTally tally = namespaceOfOrd[ord];
            tally.memories++;
            boolean inActiveSpace = false;
            if (kindValues.advanceExact(doc)) {
                for (int i = 0; i < kindValues.docValueCount(); i++) {
                    int kindOrd = Math.toIntExact(kindValues.nextOrd());
                    if (kindOfOrd[kindOrd] == null) {
                        kindOfOrd[kindOrd] = VectorKind.parse(kindValues.lookupOrd(kindOrd));
                    }
                    VectorKind kind = kindOfOrd[kindOrd];
                    inActiveSpace |= kind.field().equals(activeFieldOfOrd[ord]);
                    bySpace.computeIfAbsent(kind.field(), f -> new TreeMap<>())
                            .computeIfAbsent(tally.name, n -> new SpaceTally()).add(kind);
                }
            }
            if (activeFieldOfOrd[ord] != null && !inActiveSpace) {
                tally.pending++;
            }
        }
    }

    private NamespaceTally namespace(String name) {
        return namespaces.computeIfAbsent(name, NamespaceTally::new);
    }

    private MemoryStats result(Map<String, String> active) {
        var namespaceCounts = new ArrayList<MemoryStats.NamespaceCounts>();
        namespaces.values().forEach(tally -> namespaceCounts.add(new MemoryStats.NamespaceCounts(tally.name,
                active.get(tally.name), tally.memories, tally.pending)));
        var spaceCounts = new ArrayList<MemoryStats.SpaceCounts>();
        bySpace.forEach((field, byNamespace) -> {
            String space = spaces.spaceOfField(field);
            if (space == null) {
                return; // dropped after this searcher was opened
            }
            byNamespace.forEach((namespace, tally) -> spaceCounts.add(new MemoryStats.SpaceCounts(space, namespace,
                    tally.vectors, tally.degraded, tally.byProvider)));
        });
        return new MemoryStats(namespaceCounts, spaceCounts);
    }

    private static final class NamespaceTally {
        final String name;
        long memories;
        long pending;

        NamespaceTally(String name) {
            this.name = name;
        }
    }

    private static final class SpaceTally {
        long vectors;
        long degraded;
        final Map<String, Long> byProvider = new HashMap<>();

        void add(VectorKind kind) {
            vectors++;
            if (kind.degraded()) {
                degraded++;
            }
            byProvider.merge(kind.provider(), 1L, Long::sum);
        }
    }
}
