package dev.embedgate.memory.lucene;

import java.io.IOException;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * Walks a field's terms and the live documents holding each (terms of deleted documents linger until merges), segment
 * by segment: how the store reads its own records and finds which values are still in use.
 */
final class LiveTerms {

    private LiveTerms() {
    }

    static void forEach(IndexReader reader, String field, Visitor visitor) throws IOException {
        for (LeafReaderContext leaf : reader.leaves()) {
            Terms terms = leaf.reader().terms(field);
            if (terms == null) {
                continue;
            }
            Bits live = leaf.reader().getLiveDocs();
            TermsEnum values = terms.iterator();
            PostingsEnum postings = null;
            for (BytesRef term = values.next(); term != null; term = values.next()) {
                postings = values.postings(postings, PostingsEnum.NONE);
                for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                    if ((live == null || live.get(doc)) && !visitor.visit(term, leaf.reader(), doc)) {
                        break;
                    }
                }
            }
        }
    }

    /** Sees one live document holding the term. */
    interface Visitor {
        /** @return whether to see more documents holding this term */
        boolean visit(BytesRef term, LeafReader reader, int doc) throws IOException;
    }
}
