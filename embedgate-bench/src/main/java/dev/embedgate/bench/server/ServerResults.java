package dev.embedgate.bench.server;

import java.time.Duration;
import java.util.List;

/**
 * What the server benchmark measured.
 *
 * @param shortTexts       how many distinct short texts the single-text runs cycle through
 * @param shortTextTokens  mean tokens of those texts, as the server counts them
 * @param timeToReady      from process start until {@code /ready} answered 200
 * @param idle             memory once ready, before any embedding request
 * @param afterBulk        memory after the corpus went through HTTP
 * @param atEnd            memory after every load run
 * @param singleText       one short text per request, per concurrency
 * @param batched          one request of {@code batchTexts} texts sent repeatedly by one client
 * @param batchedClients   the single-text run with as many clients as {@code batched} has texts
 */
public record ServerResults(ServerPlan plan, int shortTexts, double shortTextTokens, Duration timeToReady,
                            ResidentMemory idle, HttpBulkFeed.Result bulk, ResidentMemory afterBulk,
                            ResidentMemory atEnd, List<LoadResult> singleText, LoadResult batched,
                            LoadResult batchedClients) {

    public ServerResults {
        singleText = List.copyOf(singleText);
    }

    /** Texts/s of many concurrent single-text requests over texts/s of one request holding as many texts. */
    public double dynamicBatchingRatio() {
        return batchedClients.textsPerSecond() / batched.textsPerSecond();
    }
}
