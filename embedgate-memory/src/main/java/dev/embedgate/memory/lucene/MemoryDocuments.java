package dev.embedgate.memory.lucene;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedgate.memory.Memory;
import dev.embedgate.memory.Metadata;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleDocValuesField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * One memory as one Lucene document, and back: what is stored (to return the memory and rebuild its document), what
 * is indexed (the key, namespace and id as terms, the content for BM25, metadata for filters, which spaces hold a
 * vector), the doc values that sort and count (namespace and id for pending scans, importance and update time for
 * importance ranking, each vector's space, provider and degradation for stats and migrations, each vector's time for
 * forced migrations), and one HNSW vector field per space.
 */
final class MemoryDocuments {

    /** The unique term of a memory: its namespace and id. */
    static final String KEY = "key";
    static final String NAMESPACE = "namespace";
    static final String ID = "id";
    static final String CONTENT = "content";
    static final String IMPORTANCE = "importance";
    static final String UPDATED = "updated";
    /** A term per space holding a vector of the memory: its vector field's name. */
    static final String HAS_VECTOR = "hasVector";
    /** Doc values per vector: its {@link VectorKind}. */
    static final String VECTOR_KINDS = "vectorKinds";
    /**
     * The field every document that is not a memory holds (active spaces, migrations, their failures), with its kind
     * as the term: no memory has it, no such document has a namespace, so searches of memories never meet them.
     */
    static final String RECORD = "record";
    private static final String EMBEDDED_AT_PREFIX = "embeddedAt.";
    private static final String METADATA = "metadata";
    private static final String CREATED = "created";
    private static final String HASH = "hash";
    private static final String VECTORS = "vectors";

    /** The stored fields a memory is read from. */
    static final Set<String> MEMORY_FIELDS = Set.of(NAMESPACE, ID, CONTENT, METADATA, IMPORTANCE, CREATED, UPDATED,
            HASH);
    private static final Set<String> STATE_FIELDS = Set.of(NAMESPACE, ID, CONTENT, METADATA, IMPORTANCE, CREATED,
            UPDATED, HASH, VECTORS);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, VectorInfo>> VECTOR_INFOS = new TypeReference<>() { };

    private final SpaceRegistry spaces;

    MemoryDocuments(SpaceRegistry spaces) {
        this.spaces = spaces;
    }

    /** The term naming a memory: the namespace's length first, so that no two (namespace, id) pairs share one. */
    static Term key(String namespace, String id) {
        return new Term(KEY, namespace.length() + ":" + namespace + id);
    }

    static Term key(Memory memory) {
        return key(memory.namespace(), memory.id());
    }

    Document document(StoredMemory stored) {
        Memory memory = stored.memory();
        var document = new Document();
        document.add(new StringField(KEY, key(memory).bytes(), Field.Store.NO));
        document.add(new StringField(NAMESPACE, memory.namespace(), Field.Store.YES));
        document.add(new SortedDocValuesField(NAMESPACE, new BytesRef(memory.namespace())));
        document.add(new StringField(ID, memory.id(), Field.Store.YES));
        document.add(new SortedDocValuesField(ID, new BytesRef(memory.id())));
        document.add(new TextField(CONTENT, memory.content(), Field.Store.YES));
        document.add(new StoredField(METADATA, memory.metadata().toJson()));
        MetadataTerms.index(memory.metadata(), document);
        document.add(new StoredField(IMPORTANCE, memory.importance()));
        document.add(new DoubleDocValuesField(IMPORTANCE, memory.importance()));
        document.add(new StoredField(CREATED, memory.createdAt().toString()));
        document.add(new StoredField(UPDATED, memory.updatedAt().toString()));
        document.add(new NumericDocValuesField(UPDATED, sortableMillis(memory.updatedAt())));
        document.add(new StoredField(HASH, memory.contentHash()));
        var infos = new LinkedHashMap<String, VectorInfo>();
        stored.vectors().forEach((space, vector) -> {
            String field = spaces.field(space);
            document.add(new KnnFloatVectorField(field, vector.unit(), VectorSimilarityFunction.DOT_PRODUCT));
            document.add(new StringField(HAS_VECTOR, field, Field.Store.NO));
            document.add(new SortedSetDocValuesField(VECTOR_KINDS,
                    new VectorKind(field, vector.degraded(), vector.provider()).bytes()));
            document.add(new NumericDocValuesField(embeddedAtField(field), sortableNanos(vector.embeddedAt())));
            infos.put(space, new VectorInfo(vector.provider(), vector.degraded(), vector.embeddedAt().toString()));
        });
        document.add(new StoredField(VECTORS, json(infos)));
        return document;
    }

    /** The memory with this key, or null. */
    static Memory memory(IndexSearcher searcher, Term key) throws IOException {
        Located found = locate(searcher, key);
        return found == null ? null : memory(found.reader().storedFields().document(found.doc(), MEMORY_FIELDS));
    }

    /** The memory with this key, with its vectors, or null. */
    StoredMemory stored(IndexSearcher searcher, Term key) throws IOException {
        Located found = locate(searcher, key);
        return found == null ? null : stored(found.reader(), found.doc());
    }

    /** The memory in a document read with {@link #MEMORY_FIELDS}. */
    static Memory memory(Document document) {
        return new Memory(document.get(NAMESPACE), document.get(ID), document.get(CONTENT),
                Metadata.fromJson(document.get(METADATA)), document.getField(IMPORTANCE).numericValue().doubleValue(),
                Instant.parse(document.get(CREATED)), Instant.parse(document.get(UPDATED)), document.get(HASH));
    }

    private StoredMemory stored(LeafReader reader, int doc) throws IOException {
        Document document = reader.storedFields().document(doc, STATE_FIELDS);
        var vectors = new LinkedHashMap<String, StoredMemory.Vector>();
        for (Map.Entry<String, VectorInfo> entry : parse(document.get(VECTORS)).entrySet()) {
            float[] unit = vector(reader, spaces.field(entry.getKey()), doc);
            VectorInfo info = entry.getValue();
            vectors.put(entry.getKey(), new StoredMemory.Vector(unit, info.provider(), info.degraded(),
                    Instant.parse(info.embeddedAt())));
        }
        return new StoredMemory(memory(document), vectors);
    }

    private static Located locate(IndexSearcher searcher, Term key) throws IOException {
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            Terms terms = leaf.reader().terms(KEY);
            TermsEnum iterator = terms == null ? null : terms.iterator();
            if (iterator == null || !iterator.seekExact(key.bytes())) {
                continue;
            }
            PostingsEnum postings = iterator.postings(null, PostingsEnum.NONE);
            Bits live = leaf.reader().getLiveDocs();
            for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                if (live == null || live.get(doc)) {
                    return new Located(leaf.reader(), doc);
                }
            }
        }
        return null;
    }

    private static float[] vector(LeafReader reader, String field, int doc) throws IOException {
        FloatVectorValues values = reader.getFloatVectorValues(field);
        if (values != null) {
            KnnVectorValues.DocIndexIterator iterator = values.iterator();
            if (iterator.advance(doc) == doc) {
                return values.vectorValue(iterator.index()).clone();
            }
        }
        throw new IllegalStateException("the memory index lacks a vector its document lists, in field " + field);
    }

    /**
     * The doc values holding when the memory's vector in this vector field was made, in {@link #sortableNanos}.
     * Documents written before these existed lack them.
     */
    static String embeddedAtField(String vectorField) {
        return EMBEDDED_AT_PREFIX + vectorField;
    }

    /** Nanoseconds since the epoch; instants beyond a long's (before 1677, after 2262) sort at its ends. */
    static long sortableNanos(Instant instant) {
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        } catch (ArithmeticException e) {
            return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** Update times sort by millisecond; instants beyond a long's milliseconds sort at its ends. */
    private static long sortableMillis(Instant instant) {
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException e) {
            return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static String json(Map<String, VectorInfo> infos) {
        try {
            return JSON.writeValueAsString(infos);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("vector infos are always JSON", e);
        }
    }

    private static Map<String, VectorInfo> parse(String json) {
        try {
            return JSON.readValue(json, VECTOR_INFOS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a memory's stored vector list is not readable: " + e.getMessage(), e);
        }
    }

    private record Located(LeafReader reader, int doc) {
    }

    /** What the document stores about each of its vectors, by space. */
    record VectorInfo(String provider, boolean degraded, String embeddedAt) {
    }
}
