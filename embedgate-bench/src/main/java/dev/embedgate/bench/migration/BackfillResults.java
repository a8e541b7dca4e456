package dev.embedgate.bench.migration;

import dev.embedgate.provider.local.InferenceSettings;
import java.util.List;

/**
 * What the backfill comparison measured.
 *
 * @param inference   the target model's inference settings (the server's defaults for this machine)
 * @param stores      one result per store measured
 * @param rawRefusals batches the local model's queue refused the raw embedder (tried again after the wait it named)
 * @param postgres    PostgreSQL's and pgvector's versions, or null when the pgvector store was not measured
 * @param notes       what could not be measured, and why
 */
public record BackfillResults(BackfillPlan plan, InferenceSettings inference, List<BackfillResult> stores, long rawRefusals, String postgres,
                             List<String> notes) {

    public BackfillResults {
        stores = List.copyOf(stores);
        notes = List.copyOf(notes);
    }
}
