package dev.embedgate.memory.lucene;

import dev.embedgate.memory.HnswSettings;
import dev.embedgate.memory.KeywordQuery;
import dev.embedgate.memory.Memory;
import dev.embedgate.memory.MemoryFilter;
import dev.embedgate.memory.PendingCursor;
import dev.embedgate.memory.ScoredMemory;
import dev.embedgate.memory.VectorQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

/**
 * The store's searches over one searcher: nearest vectors (filtered HNSW), keywords (BM25 over analysed terms, never
 * parsed query syntax), importance ranking and the pending scan. Only the hits returned have their stored fields read.
 */
final class MemorySearches {

    /**
     * Words of a keyword text beyond these are ignored: a query is a few words, not a document. Beside a filter of
     * {@link dev.embedgate.memory.FilterParser#MAX_CONDITIONS} conditions (each becomes at most one Lucene clause; a
     * negation's match-all stands for the negation itself) a query stays within Lucene's limit of 1,024 clauses.
     */
    private static final int MAX_KEYWORD_TERMS = 256;

    private static final Sort BY_IMPORTANCE = new Sort(
            new SortField(MemoryDocuments.IMPORTANCE, SortField.Type.DOUBLE, true),
            new SortField(MemoryDocuments.UPDATED, SortField.Type.LONG, true),
            new SortField(MemoryDocuments.ID, SortField.Type.STRING));
    /** (namespace, id) order. */
    static final Sort BY_KEY = new Sort(new SortField(MemoryDocuments.NAMESPACE, SortField.Type.STRING),
            new SortField(MemoryDocuments.ID, SortField.Type.STRING));

    private final SpaceRegistry spaces;
    private final HnswSettings settings;
    private final Analyzer analyzer;

    MemorySearches(SpaceRegistry spaces, HnswSettings settings, Analyzer analyzer) {
        this.spaces = spaces;
        this.settings = settings;
        this.analyzer = analyzer;
    }

    List<ScoredMemory> nearest(IndexSearcher searcher, VectorQuery query) throws IOException {
        String field = spaces.field(query.space());
        float[] unit = UnitVectors.unit(query.vector(), query.space(), spaces.dimensions(query.space()));
        int candidates = settings.candidatesFor(query.k());
        Query filter = query.filter().matchesAll() && holdsOnly(searcher, query.namespace())
                ? null : FilterQueries.inNamespace(query.namespace(), query.filter());
        TopDocs top = searcher.search(new KnnFloatVectorQuery(field, unit, candidates, filter), candidates);
        var hits = new ArrayList<ScoredMemory>(Math.min(query.k(), top.scoreDocs.length));
        StoredFields stored = searcher.storedFields();
        for (ScoreDoc hit : top.scoreDocs) {
            double cosine = UnitVectors.cosine(hit.score);
            if (hits.size() == query.k() || cosine < query.minScore()) {
                break;
            }
            hits.add(new ScoredMemory(memory(stored, hit.doc), cosine));
        }
        return hits;
    }

    List<ScoredMemory> keyword(IndexSearcher searcher, KeywordQuery query) throws IOException {
        Set<String> terms = terms(query.text());
        if (terms.isEmpty()) {
            return List.of();
        }
        var words = new BooleanQuery.Builder();
        terms.forEach(term -> words.add(new TermQuery(new Term(MemoryDocuments.CONTENT, term)), Occur.SHOULD));
        Query scoped = new BooleanQuery.Builder()
                .add(words.build(), Occur.MUST)
                .add(FilterQueries.inNamespace(query.namespace(), query.filter()), Occur.FILTER)
                .build();
        TopDocs top = searcher.search(scoped, query.k());
        StoredFields stored = searcher.storedFields();
        var hits = new ArrayList<ScoredMemory>(top.scoreDocs.length);
        for (ScoreDoc hit : top.scoreDocs) {
            hits.add(new ScoredMemory(memory(stored, hit.doc), hit.score));
        }
        return hits;
    }

    List<ScoredMemory> important(IndexSearcher searcher, String namespace, int k, MemoryFilter filter)
            throws IOException {
        TopDocs top = searcher.search(FilterQueries.inNamespace(namespace, filter), k, BY_IMPORTANCE);
        StoredFields stored = searcher.storedFields();
        var hits = new ArrayList<ScoredMemory>(top.scoreDocs.length);
        for (ScoreDoc hit : top.scoreDocs) {
            Memory memory = memory(stored, hit.doc);
            hits.add(new ScoredMemory(memory, memory.importance()));
        }
        return hits;
    }

    List<Memory> pending(IndexSearcher searcher, String space, PendingCursor after, int limit) throws IOException {
        String field = spaces.field(space);
        List<BytesRef> namespaces = spaces.namespacesActiveIn(space).stream().map(BytesRef::new).toList();
        if (namespaces.isEmpty()) {
            return List.of();
        }
        var query = new BooleanQuery.Builder()
                .add(new TermInSetQuery(MemoryDocuments.NAMESPACE, namespaces), Occur.FILTER)
                .add(new TermQuery(new Term(MemoryDocuments.HAS_VECTOR, field)), Occur.MUST_NOT);
        if (after != null) {
            query.add(after(after), Occur.FILTER);
        }
        TopDocs top = searcher.search(query.build(), limit, BY_KEY);
        StoredFields stored = searcher.storedFields();
        var memories = new ArrayList<Memory>(top.scoreDocs.length);
        for (ScoreDoc hit : top.scoreDocs) {
            memories.add(memory(stored, hit.doc));
        }
        return memories;
    }

    /** The spaces in which some of the namespace's memories hold a vector. */
    List<String> spaces(IndexSearcher searcher, String namespace) throws IOException {
        var found = new ArrayList<String>();
        // A snapshot of the fields: a space dropped meanwhile is simply not found.
        for (Map.Entry<String, String> space : spaces.fields().entrySet()) {
            Query query = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(MemoryDocuments.NAMESPACE, namespace)), Occur.FILTER)
                    .add(new TermQuery(new Term(MemoryDocuments.HAS_VECTOR, space.getValue())), Occur.FILTER)
                    .build();
            if (searcher.count(query) > 0) {
                found.add(space.getKey());
            }
        }
        return found;
    }

    /** Every namespace holding memories. */
    static Set<String> namespaces(IndexSearcher searcher) throws IOException {
        var found = new TreeSet<String>();
        LiveTerms.forEach(searcher.getIndexReader(), MemoryDocuments.NAMESPACE, (namespace, leaf, doc) -> {
            found.add(namespace.utf8ToString());
            return false;
        });
        return found;
    }

    /** Memories after the cursor in (namespace, id) order. */
    private static Query after(PendingCursor cursor) {
        Query laterNamespace = new TermRangeQuery(MemoryDocuments.NAMESPACE, new BytesRef(cursor.namespace()), null,
                false, false);
        Query laterInSame = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(MemoryDocuments.NAMESPACE, cursor.namespace())), Occur.FILTER)
                .add(new TermRangeQuery(MemoryDocuments.ID, new BytesRef(cursor.id()), null, false, false),
                        Occur.FILTER)
                .build();
        return new BooleanQuery.Builder().setMinimumNumberShouldMatch(1)
                .add(laterNamespace, Occur.SHOULD).add(laterInSame, Occur.SHOULD).build();
    }

    /**
     * Whether every memory of the index is in the namespace (the usual embedded case of one namespace): then the
     * namespace filter can be left out of a vector search, which spares building its bit set on every query. Term
     * counts include deleted documents, as the document count does: if the namespace's memories and the other records
     * (active spaces, migrations) make up every document ever counted, no other namespace has any.
     */
    private static boolean holdsOnly(IndexSearcher searcher, String namespace) throws IOException {
        var reader = searcher.getIndexReader();
        return reader.docFreq(new Term(MemoryDocuments.NAMESPACE, namespace))
                + reader.getDocCount(MemoryDocuments.RECORD) == reader.maxDoc();
    }

    /** The text's distinct terms after English analysis (case, stop words, stemming), in order of appearance. */
    private Set<String> terms(String text) {
        var terms = new LinkedHashSet<String>();
        try (TokenStream stream = analyzer.tokenStream(MemoryDocuments.CONTENT, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken() && terms.size() < MAX_KEYWORD_TERMS) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing a text in memory cannot fail", e);
        }
        return terms;
    }

    private static Memory memory(StoredFields stored, int doc) throws IOException {
        return MemoryDocuments.memory(stored.document(doc, MemoryDocuments.MEMORY_FIELDS));
    }
}
