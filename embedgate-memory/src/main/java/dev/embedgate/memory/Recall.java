package dev.embedgate.memory;

import java.util.List;

/**
 * What a recall found.
 *
 * @param memories best first
 * @param modeUsed how they were ranked: the mode asked for, or {@link RecallMode#KEYWORD_IMPORTANCE} when the query
 *                 could not be embedded
 * @param spaces   the spaces whose vectors were searched (none for keyword ranking)
 * @param notice   why the answer is not what was asked for (a space that could not embed the query), or null
 */
public record Recall(List<Recalled> memories, RecallMode modeUsed, List<String> spaces, String notice) {

    public Recall {
        memories = List.copyOf(memories);
        spaces = List.copyOf(spaces);
    }

    /**
     * @param score cosine similarity for a vector recall in one space, the store's relevance for a keyword recall,
     *              the fused score otherwise; boosts included
     * @param space the space whose vector matched it best, or null when only words matched
     */
    public record Recalled(Memory memory, double score, String space) {
    }
}
