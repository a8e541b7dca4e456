package dev.embedgate.memory;

import java.util.Locale;

/** How recall ranks memories. */
public enum RecallMode {
    /** By the similarity of their vectors to the query's, in one space (or fused by rank over several). */
    VECTOR,
    /** By the words they share with the query (BM25 / full-text). */
    KEYWORD,
    /** Both rankings fused by reciprocal rank. */
    HYBRID,
    /**
     * Not asked for: what recall answers with when the query could not be embedded in any space it searches
     * (providers down, budget spent): word matches fused with importance, rather than failing or mixing spaces.
     */
    KEYWORD_IMPORTANCE;

    /** The name on the wire: {@code vector}, {@code keyword}, {@code hybrid}, {@code keyword_importance}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
