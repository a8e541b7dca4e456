package dev.embedgate.memory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns rankings into one answer: a lone ranking keeps its scores; several are fused by reciprocal rank, never by
 * their raw scores (cosine similarities of different spaces, BM25 and importance are not on one scale); then boosts
 * are added and the best k kept.
 */
final class RankFusion {

    private RankFusion() {
    }

    /**
     * One ranking of candidates.
     *
     * @param space  the space of a vector ranking, or null
     * @param weight its weight in the fusion
     * @param found  best first
     */
    record Ranking(String space, double weight, List<ScoredMemory> found) {
    }

    static List<Recall.Recalled> fuse(List<Ranking> rankings, RecallRequest request, Instant now) {
        List<Recall.Recalled> scored = rankings.size() == 1 ? kept(rankings.getFirst())
                : reciprocalRanks(rankings, request.weights().rankConstant());
        if (request.boosts().any()) {
            scored = boosted(scored, request.boosts(), now);
        }
        return scored.stream().limit(request.k()).toList();
    }

    private static List<Recall.Recalled> kept(Ranking ranking) {
        return ranking.found().stream()
                .map(found -> new Recall.Recalled(found.memory(), found.score(), ranking.space())).toList();
    }

    private static List<Recall.Recalled> reciprocalRanks(List<Ranking> rankings, int rankConstant) {
        Map<String, Fused> byKey = new LinkedHashMap<>();
        for (Ranking ranking : rankings) {
            for (int rank = 0; rank < ranking.found().size(); rank++) {
                ScoredMemory found = ranking.found().get(rank);
                Fused fused = byKey.computeIfAbsent(key(found.memory()), ignored -> new Fused(found.memory()));
                double share = ranking.weight() / (rankConstant + rank + 1);
                fused.score += share;
                if (ranking.space() != null && share > fused.bestVectorShare) {
                    fused.bestVectorShare = share;
                    fused.space = ranking.space();
                }
            }
        }
        return byKey.values().stream()
                .sorted(Comparator.comparingDouble((Fused fused) -> -fused.score))
                .map(fused -> new Recall.Recalled(fused.memory, fused.score, fused.space)).toList();
    }

    private static List<Recall.Recalled> boosted(List<Recall.Recalled> scored, RecallRequest.Boosts boosts,
                                                 Instant now) {
        var boosted = new ArrayList<Recall.Recalled>(scored.size());
        double halfLifeMillis = boosts.halfLife().toMillis();
        for (Recall.Recalled each : scored) {
            double ageMillis = Math.max(0, Duration.between(each.memory().updatedAt(), now).toMillis());
            double score = each.score() + boosts.importance() * each.memory().importance()
                    + boosts.recency() * Math.pow(0.5, ageMillis / halfLifeMillis);
            boosted.add(new Recall.Recalled(each.memory(), score, each.space()));
        }
        boosted.sort(Comparator.comparingDouble((Recall.Recalled each) -> -each.score()));
        return boosted;
    }

    private static String key(Memory memory) {
        return memory.namespace() + '\u0000' + memory.id();
    }

    private static final class Fused {
        private final Memory memory;
        private double score;
        private double bestVectorShare;
        private String space;

        private Fused(Memory memory) {
            this.memory = memory;
        }
    }
}
