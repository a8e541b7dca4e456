package dev.embedgate.bench.memory;

import java.util.List;

/**
 * One system's recall and speed at one {@code efSearch}.
 *
 * @param system           what the report calls it
 * @param efSearch         candidates considered per search
 * @param recall           recall@k against exact search, over every query
 * @param queriesPerSecond per concurrency of the plan (in its order), the median over the rounds
 */
public record RecallRow(String system, int efSearch, double recall, List<Double> queriesPerSecond) {

    public RecallRow {
        queriesPerSecond = List.copyOf(queriesPerSecond);
    }
}
