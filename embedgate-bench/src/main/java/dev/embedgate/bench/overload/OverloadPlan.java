package dev.embedgate.bench.overload;

import java.time.Duration;

/**
 * What the overload benchmark does per system and round.
 *
 * @param rounds          measured rounds; each runs every system once, in alternating order
 * @param warmUp          unmeasured load before each latency window
 * @param measure         each latency window (lone client, 32 clients, small requests beside large ones)
 * @param largeClients    clients sending large requests back to back while small requests are measured
 * @param largeTexts      texts per large request
 * @param largeChars      characters per text of a large request
 * @param worstClients    clients sending the worst valid request at once
 * @param worstTexts      texts per worst request (the request limit)
 * @param worstChars      characters per text of a worst request
 * @param giveUp          how long the worst requests' clients wait before they give up and close their connections
 * @param recoveryCap     how long the first small request after they gave up may take before it counts as this
 */
public record OverloadPlan(int rounds, Duration warmUp, Duration measure, int largeClients, int largeTexts, int largeChars,
                           int worstClients, int worstTexts, int worstChars, Duration giveUp, Duration recoveryCap) {
}
