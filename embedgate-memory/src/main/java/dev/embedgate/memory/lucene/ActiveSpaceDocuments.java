package dev.embedgate.memory.lucene;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;

/**
 * A namespace's active space as a document of its own, beside the memories: one per namespace, replaced when the
 * space changes. Such a document has none of a memory's fields (no namespace term, no vector), so no search of
 * memories ever meets it.
 */
final class ActiveSpaceDocuments {

    private static final Term MARKER = new Term(MemoryDocuments.RECORD, "activeSpace");
    private static final String NAMESPACE = "activeSpace.namespace";
    private static final String SPACE = "activeSpace.space";

    private ActiveSpaceDocuments() {
    }

    /** The namespaces' documents, to replace them. */
    static Query keys(Collection<String> namespaces) {
        return new TermInSetQuery(NAMESPACE, namespaces.stream().map(BytesRef::new).toList());
    }

    static Document document(String namespace, String space) {
        var document = new Document();
        document.add(new StringField(MARKER.field(), MARKER.text(), Field.Store.NO));
        document.add(new StringField(NAMESPACE, namespace, Field.Store.YES));
        document.add(new StoredField(SPACE, space));
        return document;
    }

    /** Every namespace's active space in the index. */
    static Map<String, String> read(IndexReader reader) throws IOException {
        var active = new HashMap<String, String>();
        LiveTerms.forEach(reader, NAMESPACE, (namespace, leaf, doc) -> {
            active.put(namespace.utf8ToString(), leaf.storedFields().document(doc).get(SPACE));
            return true;
        });
        return active;
    }
}
