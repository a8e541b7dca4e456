package dev.embedgate.memory;

/**
 * A memory as a caller saves it.
 *
 * @param namespace  the tenant or scope; null for {@value MemoryService#DEFAULT_NAMESPACE}
 * @param id         the caller's id, for idempotent upserts; null to have one generated
 * @param content    the text
 * @param metadata   null for none
 * @param importance 0..1; null for {@value MemoryService#DEFAULT_IMPORTANCE}
 */
public record NewMemory(String namespace, String id, String content, Metadata metadata, Double importance) {
}
