package dev.embedgate.bench.chat;

/**
 * The client's view of one streamed answer.
 *
 * @param firstTokenNanos from just before the request's first byte was written to the arrival of the first chunk
 *                        carrying text
 * @param gapsNanos       between the arrivals of consecutive chunks carrying text
 * @param done            whether {@code data: [DONE]} ended it
 */
record StreamTiming(long firstTokenNanos, long[] gapsNanos, boolean done) {

    int tokens() {
        return gapsNanos.length + 1;
    }
}
