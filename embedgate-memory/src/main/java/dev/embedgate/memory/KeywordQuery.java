package dev.embedgate.memory;

import java.util.Objects;

/**
 * Memories whose content matches words of a text (BM25 on Lucene, full-text search on PostgreSQL), best first.
 *
 * @param namespace whose memories
 * @param text      the words; a memory matches when it holds any of them (after the store's analysis: case,
 *                  stemming, stop words)
 * @param k         at most this many (1..{@link VectorQuery#MAX_K})
 * @param filter    on metadata; {@link MemoryFilter#ALL} for none
 */
public record KeywordQuery(String namespace, String text, int k, MemoryFilter filter) {

    public KeywordQuery {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(filter, "filter");
        if (k < 1 || k > VectorQuery.MAX_K) {
            throw new IllegalArgumentException("k must be within 1.." + VectorQuery.MAX_K + ", was " + k);
        }
    }
}
