package dev.embedgate.bench.providers;

import java.util.List;

/**
 * What the overhead benchmark measured.
 *
 * @param dimensions of the vectors answered
 * @param rates      one comparison per arrival rate
 */
public record OverheadResults(OverheadPlan plan, int dimensions, List<RateComparison> rates) {

    public OverheadResults {
        rates = List.copyOf(rates);
    }
}
