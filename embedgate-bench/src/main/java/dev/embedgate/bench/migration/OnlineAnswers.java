package dev.embedgate.bench.migration;

/**
 * How the online requests of one run were answered, warm-up included.
 *
 * @param sent        requests sent
 * @param rateLimited answered 429
 * @param failed      answered anything else but 200, or not at all
 */
public record OnlineAnswers(long sent, long rateLimited, long failed) {

    public long refused() {
        return rateLimited + failed;
    }
}
