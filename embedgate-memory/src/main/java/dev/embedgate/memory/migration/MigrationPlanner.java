package dev.embedgate.memory.migration;

import dev.embedgate.call.Priority;
import dev.embedgate.embedding.EmbeddingService;
import dev.embedgate.embedding.ModelRoute;
import dev.embedgate.limits.ProviderRateLimiter;
import dev.embedgate.limits.Quota;
import dev.embedgate.memory.Memory;
import dev.embedgate.memory.MemoryStore;
import dev.embedgate.memory.PendingCursor;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.ProviderRequest;
import dev.embedgate.provider.TokenCounter;
import dev.embedgate.space.InputType;
import dev.embedgate.usage.Price;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts what a migration would do: the memories in scope without a target vector, their tokens by the target
 * model's tokenizer, the cost at the price table and the duration under the target provider's limits at the share
 * the migration may use. Writes nothing.
 */
final class MigrationPlanner {

    private static final int PAGE = 1_000;
    /** Texts embedded to measure an unlimited local model's speed when nothing else bounds the duration. */
    private static final int PROBE_TEXTS = 64;

    private final MemoryStore store;
    private final EmbeddingService embeddings;

    MigrationPlanner(MemoryStore store, EmbeddingService embeddings) {
        this.store = store;
        this.embeddings = embeddings;
    }

    MigrationPlan plan(MigrationScope scope, ModelRoute target, int batchSize, double maxRateShare) {
        EmbeddingProvider provider = target.primary().provider();
        List<String> namespaces = scope.everyNamespace() ? store.namespaces() : scope.namespaces();
        Map<String, String> active = new LinkedHashMap<>();
        var notes = new ArrayList<String>();
        for (String namespace : namespaces) {
            store.activeSpace(namespace).ifPresentOrElse(space -> active.put(namespace, space),
                    () -> notes.add("namespace '" + namespace + "' has no memories yet"));
            if (scope.targetSpace().equals(active.get(namespace))) {
                notes.add("namespace '" + namespace + "' is already active in " + scope.targetSpace());
            }
        }
        MigrationCounts counts = store.migrations().counts(scope);
        TokenCounter tokenizer = provider.exactTokens();
        long toEmbed = 0;
        long tokens = 0;
        var sample = new ArrayList<String>(PROBE_TEXTS);
        PendingCursor cursor = null;
        List<Memory> page;
        while (!(page = store.migrations().missing(scope, cursor, PAGE)).isEmpty()) {
            for (Memory memory : page) {
                tokens += tokenizer.count(memory.content());
                if (sample.size() < PROBE_TEXTS) {
                    sample.add(memory.content());
                }
            }
            toEmbed += page.size();
            cursor = PendingCursor.after(page.getLast());
        }
        int perCall = Math.min(batchSize, provider.limits().maxInputsPerRequest());
        long requests = (toEmbed + perCall - 1) / perCall;
        ProviderRateLimiter limiter = target.primary().path().limiter();
        double share = Math.min(maxRateShare, limiter.backgroundShare());
        Estimate estimate = estimate(limiter, share, requests, tokens, toEmbed, provider, sample);
        return new MigrationPlan(scope.targetSpace(), target.name(), target.space().dimensions(), provider.name(),
                namespaces, active, counts.total(), toEmbed, tokens, requests,
                price(provider).costNanoUsd(tokens, 0, requests), share, estimate.seconds(), estimate.basis(), notes);
    }

    private Price price(EmbeddingProvider provider) {
        return embeddings.usage() != null ? embeddings.usage().prices().price(provider.name())
                : Price.perMillionInputTokens(provider.usdPerMillionTokens());
    }

    private record Estimate(Long seconds, String basis) {
    }

    private static Estimate estimate(ProviderRateLimiter limiter, double share, long requests, long tokens,
                                     long texts, EmbeddingProvider provider, List<String> sample) {
        if (texts == 0) {
            return new Estimate(0L, "nothing to embed");
        }
        List<Quota> quotas = limiter.limit().quotas();
        if (!quotas.isEmpty()) {
            double seconds = 0;
            for (Quota quota : quotas) {
                long needed = quota.unit() == Quota.Unit.REQUESTS ? requests : tokens;
                seconds = Math.max(seconds, needed / (quota.amount() * share) * quota.window().toSeconds());
            }
            return new Estimate((long) Math.ceil(seconds), "the provider's limits " + quotas + " at a share of "
                    + share);
        }
        if (provider.usdPerMillionTokens().signum() == 0 && provider.name().startsWith("local/")) {
            try {
                provider.warmUp();
                long start = System.nanoTime();
                provider.embed(new ProviderRequest(sample, InputType.DOCUMENT, true, Priority.BACKGROUND));
                double perText = (System.nanoTime() - start) / 1e9 / sample.size();
                return new Estimate((long) Math.ceil(perText * texts), "measured on this instance: " + sample.size()
                        + " texts in " + Math.round(perText * sample.size() * 1000) + " ms");
            } catch (RuntimeException e) {
                return new Estimate(null, "the local model could not be measured: " + e.getMessage());
            }
        }
        return new Estimate(null, "the provider has no rate limit configured here: its own speed decides");
    }
}
