package dev.embedgate.bench.migration;

import dev.embedgate.bench.server.LoadTarget;
import java.io.IOException;
import java.util.concurrent.atomic.LongAdder;

/**
 * A load target that counts how its requests were answered: 429 (rate limited), other refusals and failures, over
 * every request it sends. Thread-safe.
 */
final class StatusTally implements LoadTarget {

    private final LoadTarget target;
    private final LongAdder sent = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder otherwise = new LongAdder();

    StatusTally(LoadTarget target) {
        this.target = target;
    }

    @Override
    public int exchange(byte[] body) throws IOException, InterruptedException {
        sent.increment();
        int status;
        try {
            status = target.exchange(body);
        } catch (IOException e) {
            otherwise.increment();
            throw e;
        }
        if (status == 429) {
            rateLimited.increment();
        } else if (status != 200) {
            otherwise.increment();
        }
        return status;
    }

    /** What it counted so far. */
    OnlineAnswers answers() {
        return new OnlineAnswers(sent.sum(), rateLimited.sum(), otherwise.sum());
    }
}
