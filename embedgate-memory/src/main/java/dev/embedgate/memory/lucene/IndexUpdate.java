package dev.embedgate.memory.lucene;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;

/**
 * One atomic change of the index: the documents matching any of {@code deletes} go and {@code adds} come, in one
 * {@link org.apache.lucene.index.IndexWriter#updateDocuments} call, so that a commit holds all of it or none. Writes
 * that must be durable together (vectors and the migration totals they add to) join their updates into one.
 */
record IndexUpdate(List<Query> deletes, List<Document> adds) {

    static final IndexUpdate NONE = new IndexUpdate(List.of(), List.of());

    IndexUpdate {
        deletes = List.copyOf(deletes);
        adds = List.copyOf(adds);
    }

    boolean isEmpty() {
        return deletes.isEmpty() && adds.isEmpty();
    }

    IndexUpdate plus(IndexUpdate more) {
        var allDeletes = new ArrayList<>(deletes);
        allDeletes.addAll(more.deletes);
        var allAdds = new ArrayList<>(adds);
        allAdds.addAll(more.adds);
        return new IndexUpdate(allDeletes, allAdds);
    }

    /** A query matching what any of the deletes matches (null when there are none). */
    Query deleteQuery() {
        if (deletes.size() <= 1) {
            return deletes.isEmpty() ? null : deletes.getFirst();
        }
        var any = new BooleanQuery.Builder().setMinimumNumberShouldMatch(1);
        deletes.forEach(query -> any.add(query, Occur.SHOULD));
        return any.build();
    }
}
