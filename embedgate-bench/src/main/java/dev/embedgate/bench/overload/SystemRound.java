package dev.embedgate.bench.overload;

import dev.embedgate.bench.server.Latencies;
import dev.embedgate.bench.server.LoadResult;

/**
 * One system's figures in one round.
 *
 * @param healthFloor      one client of {@code GET /health}: the HTTP floor under the lone client's latency
 * @param lone             one client, one short text per request
 * @param busy             32 clients, one short text per request
 * @param smallBesideLarge one client's short texts while large requests run
 * @param largeAnswered    large requests answered 200 during that window
 * @param largeRefused     large requests refused with 429 during that window
 * @param worstPeakMb      peak resident memory (VmHWM) over the whole worst-mix run
 * @param healthDuringWorst {@code GET /health} latencies, probed every 100 ms while the worst requests ran
 * @param worstOutcome     what the worst requests' clients got: counts of 200, 429, and gave up
 * @param recoveryMillis   the first one-text request after they gave up (capped)
 */
public record SystemRound(String system, LoadResult healthFloor, LoadResult lone, LoadResult busy, Latencies smallBesideLarge, int largeAnswered,
                          int largeRefused, double worstPeakMb, Latencies healthDuringWorst, String worstOutcome,
                          double recoveryMillis) {
}
