package dev.embedgate.memory.lucene;

import dev.embedgate.memory.Metadata;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.NumericUtils;

/**
 * How metadata is indexed for filters: a handful of fixed fields (never one field per key, which would let callers
 * grow the index's schema without bound), each term the key and then a value, as bytes. The key is preceded by its
 * length, so that no key and value can be mistaken for another key and value. Strings, numbers and booleans have
 * fields of their own, so that the string "true" never equals the boolean true; numbers are doubles in Lucene's
 * sortable encoding (2 equals 2.0, and a range over a key is a range of terms); a string too long for a term is
 * indexed by its SHA-256.
 */
final class MetadataTerms {

    static final String STRINGS = "meta.string";
    static final String NUMBERS = "meta.number";
    static final String BOOLEANS = "meta.boolean";
    /** The keys holding a value other than null. */
    static final String PRESENT = "meta.present";

    private static final int LONGEST_LITERAL_BYTES = 512;
    private static final byte LITERAL = 'L';
    private static final byte HASHED = 'H';

    private MetadataTerms() {
    }

    /** Adds the terms filters match: one per key present, and one per scalar value of each key. */
    static void index(Metadata metadata, Document document) {
        for (Map.Entry<String, Object> entry : metadata.values().entrySet()) {
            if (entry.getValue() == null) {
                continue;
            }
            document.add(new StringField(PRESENT, present(entry.getKey()).bytes(), Field.Store.NO));
            for (Object value : metadata.scalars(entry.getKey())) {
                Term term = equal(entry.getKey(), value);
                document.add(new StringField(term.field(), term.bytes(), Field.Store.NO));
            }
        }
    }

    /** The term of a key holding a scalar value (a String, Long, Double or Boolean). */
    static Term equal(String key, Object value) {
        return switch (value) {
            case String text -> new Term(STRINGS, string(key, text));
            case Number number -> new Term(NUMBERS, number(key, number.doubleValue()));
            case Boolean flag -> new Term(BOOLEANS, new BytesRef(withKey(key, 1).put((byte) (flag ? 1 : 0)).array()));
            default -> throw new IllegalArgumentException("not a metadata scalar: " + value.getClass().getSimpleName());
        };
    }

    static Term present(String key) {
        return new Term(PRESENT, new BytesRef(withKey(key, 0).array()));
    }

    /** The key holding a number within the bounds (null: unbounded). */
    static Query range(String key, Double min, boolean minInclusive, Double max, boolean maxInclusive) {
        double lower = min == null ? Double.NEGATIVE_INFINITY : minInclusive ? min : Math.nextUp(min);
        double upper = max == null ? Double.POSITIVE_INFINITY : maxInclusive ? max : Math.nextDown(max);
        if (lower > upper) {
            return new MatchNoDocsQuery("an empty range");
        }
        return new TermRangeQuery(NUMBERS, number(key, lower), number(key, upper), true, true);
    }

    private static BytesRef string(String key, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= LONGEST_LITERAL_BYTES) {
            return new BytesRef(withKey(key, 1 + utf8.length).put(LITERAL).put(utf8).array());
        }
        byte[] digest = sha256(utf8);
        return new BytesRef(withKey(key, 1 + digest.length).put(HASHED).put(digest).array());
    }

    private static BytesRef number(String key, double value) {
        // -0.0 and 0.0 are equal numbers, but their sortable encodings differ.
        byte[] sortable = new byte[Long.BYTES];
        NumericUtils.longToSortableBytes(NumericUtils.doubleToSortableLong(value + 0.0), sortable, 0);
        return new BytesRef(withKey(key, Long.BYTES).put(sortable).array());
    }

    /** A buffer holding the key, with room for a value of this many bytes. */
    private static ByteBuffer withKey(String key, int valueBytes) {
        byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(Short.BYTES + utf8.length + valueBytes).putShort((short) utf8.length).put(utf8);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
