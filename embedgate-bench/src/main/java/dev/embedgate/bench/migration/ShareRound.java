package dev.embedgate.bench.migration;

import dev.embedgate.bench.server.RateResult;

/**
 * One round of the rate-share measurement: the same online load in a window without a migration and in a window
 * beside one, and what the simulator saw in each.
 *
 * @param round               from 1
 * @param alone               the online requests with no migration running
 * @param aloneAnswers        how they were answered
 * @param strayRequests       migration-sized requests the simulator got in the window without one (0 unless a
 *                            cancelled migration went on)
 * @param beside              the online requests while the migration ran
 * @param besideAnswers       how they were answered
 * @param migrationRequests   migration requests (bodies of more than one input) the simulator got in that window
 * @param windowSeconds       that window's length, between the two reads of the simulator's log
 * @param upstreamRateLimited calls the simulator answered 429 in either window
 * @param migrationStatus     the migration's status when the window closed ({@code running}: it was paced all along)
 */
public record ShareRound(int round, RateResult alone, OnlineAnswers aloneAnswers, long strayRequests,
                         RateResult beside, OnlineAnswers besideAnswers, long migrationRequests, double windowSeconds,
                         long upstreamRateLimited, String migrationStatus) {

    /** Migration requests per minute in the window. */
    public double migrationPerMinute() {
        return migrationRequests / windowSeconds * 60;
    }

    /** Migration requests per minute over the provider's limit R. */
    public double share(int requestsPerMinute) {
        return migrationPerMinute() / requestsPerMinute;
    }
}
