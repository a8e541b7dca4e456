package dev.embedgate.memory.lucene;

import dev.embedgate.memory.Memory;
import dev.embedgate.memory.PendingCursor;
import dev.embedgate.memory.migration.MemoryKey;
import dev.embedgate.memory.migration.MigrationScope;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Which memories of a migration's scope have a target vector, as Lucene queries: one in the target space's field that
 * is not a degraded stand-in ({@link VectorKind#degradedIn}) and, when forced, was made at or after the scope's
 * {@code reembedBefore} (the vector's time in doc values; a document written before those existed counts as made
 * before, so a forced migration embeds it again). The others are missing, found in (namespace, id) order after a
 * cursor by the sort itself (Lucene's {@code searchAfter}: no range query over every id term), their keys read from
 * the sort values so that only memories handed out have their stored fields read.
 */
final class MigrationQueries {

    private final SpaceRegistry spaces;

    MigrationQueries(SpaceRegistry spaces) {
        this.spaces = spaces;
    }

    /** A memory found missing: its key and its document in the searcher it was found with. */
    record Hit(MemoryKey key, int doc) {
    }

    /** The memories of the scope. */
    Query inScope(MigrationScope scope) {
        if (scope.everyNamespace()) {
            return new FieldExistsQuery(MemoryDocuments.NAMESPACE);
        }
        return new TermInSetQuery(MemoryDocuments.NAMESPACE, scope.namespaces().stream().map(BytesRef::new).toList());
    }

    /** The memories of the scope that have a target vector. */
    Query done(MigrationScope scope) {
        return new BooleanQuery.Builder().add(inScope(scope), Occur.FILTER).add(hasTarget(scope), Occur.FILTER)
                .build();
    }

    /** The memories of the scope without a target vector. */
    Query missing(MigrationScope scope) {
        return new BooleanQuery.Builder().add(inScope(scope), Occur.FILTER).add(hasTarget(scope), Occur.MUST_NOT)
                .build();
    }

    /** Up to {@code limit} missing memories after the cursor (null: from the start), in (namespace, id) order. */
    List<Hit> missingAfter(IndexSearcher searcher, MigrationScope scope, PendingCursor after, int limit)
            throws IOException {
        int maxDoc = searcher.getIndexReader().maxDoc();
        if (after == null || maxDoc == 0) {
            return hits(searcher, missing(scope), null, limit);
        }
        // Given the last doc id, the cursor's own memory (sorting equal to it) counts as passed too.
        var cursor = new FieldDoc(maxDoc - 1, Float.NaN,
                new Object[] {new BytesRef(after.namespace()), new BytesRef(after.id())});
        return hits(searcher, missing(scope), cursor, limit);
    }

    /** Those of the memories that are missing, in (namespace, id) order. */
    List<Hit> missingAmong(IndexSearcher searcher, MigrationScope scope, Collection<MemoryKey> keys)
            throws IOException {
        if (keys.isEmpty()) {
            return List.of();
        }
        List<BytesRef> terms = keys.stream().map(key -> MemoryDocuments.key(key.namespace(), key.id()).bytes())
                .toList();
        Query query = new BooleanQuery.Builder().add(missing(scope), Occur.FILTER)
                .add(new TermInSetQuery(MemoryDocuments.KEY, terms), Occur.FILTER).build();
        return hits(searcher, query, null, keys.size());
    }

    /** The memory a hit found. */
    static Memory memory(IndexSearcher searcher, Hit hit) throws IOException {
        return MemoryDocuments.memory(searcher.storedFields().document(hit.doc(), MemoryDocuments.MEMORY_FIELDS));
    }

    /** Memories with a target vector: none in a space not registered yet. */
    private Query hasTarget(MigrationScope scope) {
        if (!spaces.knows(scope.targetSpace())) {
            return new MatchNoDocsQuery();
        }
        String field = spaces.field(scope.targetSpace());
        var query = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(MemoryDocuments.HAS_VECTOR, field)), Occur.FILTER)
                .add(VectorKind.degradedIn(field), Occur.MUST_NOT);
        if (scope.reembedBefore() != null) {
            query.add(NumericDocValuesField.newSlowRangeQuery(MemoryDocuments.embeddedAtField(field),
                    MemoryDocuments.sortableNanos(scope.reembedBefore()), Long.MAX_VALUE), Occur.FILTER);
        }
        return query.build();
    }

    private static List<Hit> hits(IndexSearcher searcher, Query query, FieldDoc after, int limit) throws IOException {
        ScoreDoc[] found = searcher.searchAfter(after, query, limit, MemorySearches.BY_KEY).scoreDocs;
        var hits = new ArrayList<Hit>(found.length);
        for (ScoreDoc each : found) {
            Object[] sortValues = ((FieldDoc) each).fields;
            hits.add(new Hit(new MemoryKey(((BytesRef) sortValues[0]).utf8ToString(),
                    ((BytesRef) sortValues[1]).utf8ToString()), each.doc));
        }
        return hits;
    }
}
