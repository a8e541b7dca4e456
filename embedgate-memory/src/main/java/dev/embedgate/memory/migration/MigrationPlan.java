package dev.embedgate.memory.migration;

import java.util.List;
import java.util.Map;

/**
 * What a migration would do, counted before anything is written.
 *
 * @param targetSpace       the space vectors would be made in
 * @param targetModel       the model (route) that makes them
 * @param dimensions        of the target space
 * @param provider          the target route's first provider
 * @param namespaces        the namespaces in scope (every one the store has, when none was named)
 * @param activeSpaces      each namespace's active space now
 * @param memories          memories in scope
 * @param toEmbed           of them, those without a target vector (with force: without one made from now on)
 * @param tokens            what embedding them costs in tokens, counted with the target model's tokenizer where
 *                          EmbedGate holds it (local models, OpenAI's), estimated otherwise
 * @param requests          embedding requests of {@code batchSize} memories
 * @param costNanoUsd       at the price table, in 10^-9 US dollars
 * @param rateShare         the part of the provider's limits the migration would use: the one asked for, capped by
 *                          the provider's share for background work
 * @param estimatedSeconds  how long it would take, or null when nothing bounds it that can be known in advance
 * @param estimateBasis     what the estimate rests on (the limits, a measured throughput, or why there is none)
 * @param notes             what a user should know before starting (namespaces without memories, spaces already
 *                          active)
 */
public record MigrationPlan(String targetSpace, String targetModel, int dimensions, String provider,
                            List<String> namespaces, Map<String, String> activeSpaces, long memories, long toEmbed,
                            long tokens, long requests, long costNanoUsd, double rateShare, Long estimatedSeconds,
                            String estimateBasis, List<String> notes) {

    public MigrationPlan {
        namespaces = List.copyOf(namespaces);
        activeSpaces = Map.copyOf(activeSpaces);
        notes = List.copyOf(notes);
    }
}
