package dev.embedgate.bench.bulk;

import dev.embedgate.provider.local.InferenceSettings;
import java.util.List;
import java.util.Map;

/**
 * How the bulk benchmark runs.
 *
 * @param variants          model variants to measure
 * @param corpusTexts       texts in the (possibly sampled) corpus
 * @param rounds            measured rounds; systems alternate their order from round to round
 * @param wholeCorpusPerRound true: every round embeds the whole corpus; false: round r embeds the r-th of
 *                          {@code rounds} interleaved slices, so the rounds together embed every text once
 * @param warmUpTexts       texts in the unmeasured warm-up run of each case
 * @param requestSize       texts per EmbedGate request
 * @param inFlight          EmbedGate requests outstanding at a time
 * @param settings          EmbedGate's inference settings per variant
 */
public record BulkPlan(List<MiniLmVariant> variants, int corpusTexts, int rounds, boolean wholeCorpusPerRound,
                       int warmUpTexts, int requestSize, int inFlight, Map<MiniLmVariant, InferenceSettings> settings) {

    public BulkPlan {
        variants = List.copyOf(variants);
        settings = Map.copyOf(settings);
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1, was " + rounds);
        }
        for (MiniLmVariant variant : variants) {
            if (!settings.containsKey(variant)) {
                throw new IllegalArgumentException("no inference settings for " + variant);
            }
        }
    }

    public int textsPerRun() {
        return wholeCorpusPerRound ? corpusTexts : (corpusTexts + rounds - 1) / rounds;
    }
}
