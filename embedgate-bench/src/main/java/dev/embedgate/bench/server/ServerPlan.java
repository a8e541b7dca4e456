package dev.embedgate.bench.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How the server benchmark runs.
 *
 * @param jar             the server's fat jar
 * @param launcher        the script that starts it ({@code ./embedgate})
 * @param log             where the server's output goes
 * @param model           the model name sent in requests
 * @param concurrencies   client counts for the one-short-text-per-request runs
 * @param batchTexts      texts in the one request sent repeatedly, to compare with that many concurrent clients
 * @param warmUp          unmeasured time at the start of every load run
 * @param measure         measured time of every load run
 * @param bulkRequestSize texts per request when feeding the corpus through HTTP
 * @param bulkInFlight    requests in flight when feeding the corpus
 * @param readyTimeout    how long the server may take to load its model
 */
public record ServerPlan(Path jar, Path launcher, Path log, String model, List<Integer> concurrencies, int batchTexts,
                         Duration warmUp, Duration measure, int bulkRequestSize, int bulkInFlight, Duration readyTimeout) {

    public ServerPlan {
        concurrencies = List.copyOf(concurrencies);
    }
}
