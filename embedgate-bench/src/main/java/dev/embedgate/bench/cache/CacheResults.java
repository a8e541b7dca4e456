package dev.embedgate.bench.cache;

import dev.embedgate.bench.Samples;
import dev.embedgate.bench.server.LoadResult;
import dev.embedgate.bench.server.RateResult;
import java.util.List;

/**
 * What the cache benchmarks measured.
 *
 * @param plan     how they ran
 * @param hitPath  the cached embedding against the static route, or null if not run
 * @param replay   the corpus replay, or null if not run
 */
public record CacheResults(CachePlan plan, HitPath hitPath, Replay replay) {

    /**
     * @param text          the cached text
     * @param cachedClosed  closed-loop runs of {@code /v1/embeddings} with that text, one per round
     * @param healthClosed  closed-loop runs of {@code GET /health}, one per round
     * @param cachedOpen    open-loop runs of the cached embedding at the plan's rate
     * @param healthOpen    open-loop runs of {@code /health} at the same rate
     */
    public record HitPath(String text, List<LoadResult> cachedClosed, List<LoadResult> healthClosed,
                          List<RateResult> cachedOpen, List<RateResult> healthOpen) {

        /** Median over rounds of cached requests/s over static requests/s in the same round. */
        public double throughputRatio() {
            double[] ratios = new double[cachedClosed.size()];
            for (int i = 0; i < ratios.length; i++) {
                ratios[i] = cachedClosed.get(i).requestsPerSecond() / healthClosed.get(i).requestsPerSecond();
            }
            return Samples.median(ratios);
        }

        public static double medianRate(List<LoadResult> runs) {
            return Samples.median(runs.stream().mapToDouble(LoadResult::requestsPerSecond).toArray());
        }

        public static double medianP50(List<LoadResult> runs) {
            return Samples.median(runs.stream().mapToDouble(LoadResult::p50Millis).toArray());
        }

        public static double medianP99(List<LoadResult> runs) {
            return Samples.median(runs.stream().mapToDouble(LoadResult::p99Millis).toArray());
        }

        public static double medianOpenP50(List<RateResult> runs) {
            return Samples.median(runs.stream().mapToDouble(RateResult::p50Millis).toArray());
        }

        public static double medianOpenP99(List<RateResult> runs) {
            return Samples.median(runs.stream().mapToDouble(RateResult::p99Millis).toArray());
        }

        public static double medianAchieved(List<RateResult> runs) {
            return Samples.median(runs.stream().mapToDouble(RateResult::achievedPerSecond).toArray());
        }
    }

    /**
     * @param requests          requests sent
     * @param distinctTexts     distinct texts among them
     * @param hits              answers with no billed token (served from the cache)
     * @param billedTokens      tokens the model processed
     * @param savedTokens       tokens the hits would have cost, counted by the client (each text's first answer)
     * @param gatewaySavedTokens what the gateway itself counts as saved ({@code embedgate_cache_saved_tokens_total})
     * @param seconds           how long the replay took
     * @param errors            requests that failed
     */
    public record Replay(int requests, int distinctTexts, long hits, long billedTokens, long savedTokens,
                         long gatewaySavedTokens, double seconds, long errors) {

        public double hitRatio() {
            return (double) hits / requests;
        }

        /** Share of all the tokens the requests needed that the cache answered. */
        public double savedShare() {
            return (double) savedTokens / (savedTokens + billedTokens);
        }
    }
}
