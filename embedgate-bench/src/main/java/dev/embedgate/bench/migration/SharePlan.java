package dev.embedgate.bench.migration;

import java.time.Duration;

/**
 * How the rate-share measurement runs: a gateway whose OpenAI-kind provider (the simulator's text-embedding-3-small)
 * has a client-side limit of R requests/min, a migration to it at a share of that limit, and online requests beside
 * it.
 *
 * @param requestsPerMinute R: the provider's {@code rateLimit.requestsPerMinute}, and the simulator route's limit
 * @param maxRateShare      the migration's {@code max_rate_share}
 * @param backgroundShare   the provider's {@code backgroundShare}
 * @param batchSize         the migration's {@code batch_size}: small enough that the request limit binds
 * @param workers           the gateway's {@code memory.migrations.workers}
 * @param onlinePerSecond   the open-loop rate of online single-text {@code /v1/embeddings} requests
 * @param settle            how long a migration runs before its measured window opens
 * @param window            each measured window: online alone, then online beside the migration
 * @param rounds            measured rounds, each a window without and one with a migration
 */
public record SharePlan(int requestsPerMinute, double maxRateShare, double backgroundShare, int batchSize,
                        int workers, double onlinePerSecond, Duration settle, Duration window, int rounds) {

    public SharePlan {
        if (requestsPerMinute < 1 || batchSize < 2 || workers < 1 || rounds < 1 || !(onlinePerSecond > 0)) {
            throw new IllegalArgumentException("a share plan needs positive sizes, and batches of at least 2 memories"
                    + " (online requests carry one text: the simulator tells them apart by their size)");
        }
        if (!(maxRateShare > 0 && maxRateShare <= 1) || !(backgroundShare > 0 && backgroundShare <= 1)) {
            throw new IllegalArgumentException("shares are in (0, 1]");
        }
    }

    /** Migration requests per second the share allows. */
    public double migrationRequestsPerSecond() {
        return requestsPerMinute * maxRateShare / 60;
    }

    /**
     * Memories one round's migration must find left to do, with a quarter to spare, so that it is still running
     * (paced, every batch full) when its window closes.
     */
    public int memoriesPerRound() {
        double seconds = settle.toMillis() / 1000.0 + window.toMillis() / 1000.0;
        return (int) Math.ceil(migrationRequestsPerSecond() * batchSize * seconds * 1.25);
    }
}
