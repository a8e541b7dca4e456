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
 * @param aloneGatewayCores   the gateway's CPU time in that window over its length (1 = one core busy throughout)
 * @param beside              the online requests while the migration ran
 * @param besideAnswers       how they were answered
 * @param migrationRequests   migration requests (bodies of more than one input) the simulator got in that window
 * @param windowSeconds       that window's length, between the two reads of the simulator's log
 * @param besideGatewayCores  the gateway's CPU time in that window over its length
 * @param upstreamRateLimited calls the simulator answered 429 in either window
 * @param migrationStatus     the migration's status when the window closed ({@code running}: it was paced all along)
 */
public record ShareRound(int round, RateResult alone, OnlineAnswers aloneAnswers, long strayRequests,
                         double aloneGatewayCores, RateResult beside, OnlineAnswers besideAnswers,
                         long migrationRequests, double windowSeconds, double besideGatewayCores,
                         long upstreamRateLimited, String migrationStatus) {

    /** Migration requests per minute in the window. */
    public double migrationPerMinute() {
        return migrationRequests / windowSeconds * 60;
    }

    /** What one migration request cost the gateway, in CPU milliseconds: its extra CPU time over the requests. */
    public double gatewayCpuMillisPerRequest() {
        if (migrationRequests == 0) {
            return Double.NaN;
        }
        return (besideGatewayCores - aloneGatewayCores) * windowSeconds * 1000 / migrationRequests;
    }

    /** Migration requests per minute over the provider's limit R. */
    public double share(int requestsPerMinute) {
        return migrationPerMinute() / requestsPerMinute;
    }
}
