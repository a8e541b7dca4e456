package dev.embedgate.bench.rerank;

import dev.embedgate.bench.Samples;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What the rerank benchmark measured.
 *
 * @param systems         in the order the report lists them
 * @param documentPool    corpus texts the documents are drawn from (the queries held out)
 * @param queries         held-out queries
 * @param upstreamCalls   calls EmbedGate made to the simulated reranker for one request of {@code candidates}
 * @param localRanker     the {@code X-EmbedGate-Ranker} of a {@code local-cosine} answer
 * @param remoteRanker    the {@code X-EmbedGate-Ranker} of a remote answer
 */
public record RerankResults(RerankPlan plan, List<RerankSystem> systems, int documentPool, int queries,
                            int upstreamCalls, String localRanker, String remoteRanker, List<RerankRun> runs) {

    public RerankResults {
        systems = List.copyOf(systems);
        runs = List.copyOf(runs);
    }

    public List<RerankRun> of(RerankSystem system, int concurrency) {
        return runs.stream().filter(run -> run.system() == system && run.concurrency() == concurrency).toList();
    }

    /** The median over the rounds of one figure of one system at one concurrency; NaN if it was not measured. */
    public double median(RerankSystem system, int concurrency, ToDoubleFunction<RerankRun> figure) {
        return Samples.median(of(system, concurrency).stream().mapToDouble(figure).toArray());
    }

    public long errors() {
        return runs.stream().mapToLong(RerankRun::errors).sum();
    }
}
