package dev.embedgate.bench.rerank;

/**
 * One measured window of one system.
 *
 * @param pairsPerSecond documents ranked per second (answers in the window x candidates / its length)
 * @param requests       answers counted in the window
 * @param errors         failed requests of the window's run, warm-up included
 * @param gatewayCpuMillisPerRequest CPU time of the gateway process over the window's run (warm-up included) per
 *                       request sent; NaN for the direct system
 */
public record RerankRun(RerankSystem system, int concurrency, int round, double pairsPerSecond, double p50Millis,
                        double p99Millis, long requests, long errors, double gatewayCpuMillisPerRequest) {
}
