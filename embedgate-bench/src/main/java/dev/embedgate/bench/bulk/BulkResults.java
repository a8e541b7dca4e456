package dev.embedgate.bench.bulk;

import dev.embedgate.bench.Samples;
import java.util.List;

/** Every measured run of the bulk benchmark and the vector agreement found along the way. */
public record BulkResults(BulkPlan plan, List<BulkRun> runs, List<VectorAgreement> agreements) {

    public BulkResults {
        runs = List.copyOf(runs);
        agreements = List.copyOf(agreements);
    }

    public List<BulkRun> runsOf(String system, MiniLmVariant variant, int maxTokens) {
        return runs.stream().filter(run -> run.isCase(system, variant, maxTokens)).toList();
    }

    public double medianTextsPerSecond(String system, MiniLmVariant variant, int maxTokens) {
        return Samples.median(runsOf(system, variant, maxTokens).stream().mapToDouble(BulkRun::textsPerSecond).toArray());
    }

    public double medianTokensPerSecond(String system, MiniLmVariant variant, int maxTokens) {
        return Samples.median(runsOf(system, variant, maxTokens).stream().mapToDouble(BulkRun::tokensPerSecond).toArray());
    }

    /** EmbedGate's median texts/s over LangChain4j's at LangChain4j's truncation length. */
    public double speedup(MiniLmVariant variant) {
        int maxTokens = MiniLmVariant.LANGCHAIN4J_MAX_TOKENS;
        return medianTextsPerSecond(BulkCase.EMBEDGATE, variant, maxTokens)
                / medianTextsPerSecond(BulkCase.LANGCHAIN4J, variant, maxTokens);
    }

    public VectorAgreement agreement(MiniLmVariant variant) {
        return agreements.stream().filter(a -> a.variant() == variant).findFirst().orElse(VectorAgreement.none(variant));
    }
}
