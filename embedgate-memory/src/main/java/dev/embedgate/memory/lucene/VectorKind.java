package dev.embedgate.memory.lucene;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.BytesRef;

/**
 * What stats count of a vector, kept in doc values beside it: its field (that is, its space), whether it is a
 * degraded stand-in, and the provider that made it.
 */
record VectorKind(String field, boolean degraded, String provider) {

    /** The field, {@code \0}, {@code !} for degraded or {@code =}, then the provider. */
    BytesRef bytes() {
        return new BytesRef(field + '\0' + (degraded ? '!' : '=') + provider);
    }

    static VectorKind parse(BytesRef bytes) {
        String value = bytes.utf8ToString();
        int separator = value.indexOf('\0');
        return new VectorKind(value.substring(0, separator), value.charAt(separator + 1) == '!',
                value.substring(separator + 2));
    }

    /** Memories whose vector in this field is degraded, whichever provider made it. */
    static Query degradedIn(String field) {
        byte[] prefix = (field + '\0' + '!').getBytes(StandardCharsets.UTF_8);
        // 0xFF never occurs in UTF-8: every value starting with the prefix sorts below the prefix followed by it.
        byte[] above = Arrays.copyOf(prefix, prefix.length + 1);
        above[prefix.length] = (byte) 0xFF;
        return SortedSetDocValuesField.newSlowRangeQuery(MemoryDocuments.VECTOR_KINDS, new BytesRef(prefix),
                new BytesRef(above), true, false);
    }
}
