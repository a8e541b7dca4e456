package dev.embedgate.bench.bulk;

import java.util.List;

/** One system under test, embedding a whole list of texts the way a bulk user of that system would. */
public interface BulkEmbedder extends AutoCloseable {

    /** Loads the model so that the first measured run does not pay for it. */
    void load();

    BulkOutput embed(List<String> texts);

    @Override
    void close();
}
