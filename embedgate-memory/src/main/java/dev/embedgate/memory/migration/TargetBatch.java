package dev.embedgate.memory.migration;

import dev.embedgate.embedding.Caller;
import dev.embedgate.embedding.EmbeddingService;
import dev.embedgate.embedding.Embeddings;
import dev.embedgate.embedding.ProviderUsage;
import dev.embedgate.embedding.SpaceEmbeddingRequest;
import dev.embedgate.memory.Memory;
import dev.embedgate.memory.MemoryVector;
import dev.embedgate.usage.PriceTable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Embeds memories in a migration's target space through the gateway's pipeline (cache, limits, retries, failover
 * within the space, budgets and the ledger) at background priority, and says what it cost.
 */
final class TargetBatch {

    private final EmbeddingService embeddings;
    private final Clock clock;

    TargetBatch(EmbeddingService embeddings, Clock clock) {
        this.embeddings = embeddings;
        this.clock = clock;
    }

    /** The memories' target vectors and their cost; fails as the pipeline does. */
    Made embed(String space, List<Memory> memories, Caller caller) {
        var request = SpaceEmbeddingRequest.background(space, memories.stream().map(Memory::content).toList());
        Embeddings served = embeddings.embed(request, caller);
        var vectors = new ArrayList<MemoryVector>(memories.size());
        for (int i = 0; i < memories.size(); i++) {
            Memory memory = memories.get(i);
            vectors.add(new MemoryVector(memory.namespace(), memory.id(), memory.contentHash(), served.vectors().get(i),
                    served.provider(), false, clock.instant()));
        }
        return new Made(vectors, served.promptTokens(), cost(served));
    }

    private long cost(Embeddings served) {
        if (embeddings.usage() == null) {
            return 0;
        }
        PriceTable prices = embeddings.usage().prices();
        long nanoUsd = 0;
        for (ProviderUsage used : served.usage().upstream()) {
            nanoUsd += prices.costNanoUsd(used.provider(), used.tokens(), 0, used.calls());
        }
        return nanoUsd;
    }

    /** Vectors made, with the tokens billed and their cost in 10^-9 US dollars. */
    record Made(List<MemoryVector> vectors, long tokens, long costNanoUsd) {

        MigrationTotals totals() {
            return new MigrationTotals(vectors.size(), tokens, costNanoUsd, 1);
        }
    }
}
