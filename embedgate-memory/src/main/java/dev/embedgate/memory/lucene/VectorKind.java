package dev.embedgate.memory.lucene;

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
}
