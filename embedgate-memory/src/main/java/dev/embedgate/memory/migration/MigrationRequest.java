package dev.embedgate.memory.migration;

import java.util.List;

/**
 * What a caller asks to migrate, before validation.
 *
 * @param to           the target: a model name or a space id
 * @param namespaces   the namespaces to migrate; empty for every namespace
 * @param batchSize    memories per embedding request, or null for {@link MigrationSettings#DEFAULT_BATCH_SIZE}
 * @param force        re-embed memories that already have a target vector (after a model revision)
 * @param maxRateShare the part of the target provider's rate limits the migration may use, or null for
 *                     {@link MigrationSettings#DEFAULT_RATE_SHARE}
 */
public record MigrationRequest(String to, List<String> namespaces, Integer batchSize, boolean force,
                               Double maxRateShare) {

    public MigrationRequest {
        namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
    }
}
