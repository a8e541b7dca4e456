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

    /**
     * What EmbedGate adds to a figure of the simulated reranker at a client count: the median over the rounds of its
     * figure minus the direct one of the same round.
     */
    public double added(int concurrency, ToDoubleFunction<RerankRun> figure) {
        List<RerankRun> direct = of(RerankSystem.DIRECT, concurrency);
        double[] differences = of(RerankSystem.GATEWAY, concurrency).stream()
                .flatMap(gateway -> direct.stream().filter(run -> run.round() == gateway.round())
                        .map(run -> figure.applyAsDouble(gateway) - figure.applyAsDouble(run)))
                .mapToDouble(Double::doubleValue).toArray();
        return Samples.median(differences);
    }

    public long errors() {
        return runs.stream().mapToLong(RerankRun::errors).sum();
    }
}
