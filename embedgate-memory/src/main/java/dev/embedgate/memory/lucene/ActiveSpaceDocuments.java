package dev.embedgate.memory.lucene;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * A namespace's active space as a document of its own, beside the memories: one per namespace, replaced when the
 * space changes. Such a document has none of a memory's fields (no namespace term, no vector), so no search of
 * memories ever meets it.
 */
final class ActiveSpaceDocuments {

    /** The term every such document holds, so that they can be counted. */
    static final Term MARKER = new Term("record", "activeSpace");
    private static final String NAMESPACE = "activeSpace.namespace";
    private static final String SPACE = "activeSpace.space";

    private ActiveSpaceDocuments() {
    }

    /** The term that names the namespace's document, to replace it. */
    static Term key(String namespace) {
        return new Term(NAMESPACE, namespace);
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
        for (LeafReaderContext leaf : reader.leaves()) {
            Terms terms = leaf.reader().terms(NAMESPACE);
            if (terms == null) {
                continue;
            }
            Bits live = leaf.reader().getLiveDocs();
            StoredFields stored = leaf.reader().storedFields();
            TermsEnum namespaces = terms.iterator();
            PostingsEnum postings = null;
            for (BytesRef namespace = namespaces.next(); namespace != null; namespace = namespaces.next()) {
                postings = namespaces.postings(postings, PostingsEnum.NONE);
                for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                    if (live == null || live.get(doc)) {
                        active.put(namespace.utf8ToString(), stored.document(doc).get(SPACE));
                    }
                }
            }
        }
        return active;
    }
}
