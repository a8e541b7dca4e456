package dev.embedgate.server.memory;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The memory in a few numbers, every namespace and space together.
 *
 * @param store    where memories live (no credentials)
 * @param pending  memories without a vector in their namespace's active space yet
 * @param degraded vectors made by a fallback, awaiting repair
 * @param migrationsUnderWay re-embedding migrations not yet cut over or cancelled
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MemoryTotals(String store, long memories, long pending, long vectors, long degraded,
                           long migrationsUnderWay) {
}
