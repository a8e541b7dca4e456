package dev.embedgate.bench.migration;

import dev.embedgate.embedding.Caller;
import dev.embedgate.embedding.EmbeddingService;
import dev.embedgate.embedding.Embeddings;
import dev.embedgate.embedding.SpaceEmbeddingRequest;
import dev.embedgate.error.OverloadedException;
import dev.embedgate.error.RateLimitedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The raw embedder a migration is compared with: the same texts through the same {@link EmbeddingService} and
 * route, as background requests ({@link SpaceEmbeddingRequest#background}, what a migration's workers send) of one
 * batch each, from as many concurrent callers (virtual threads) as the migration has workers, each taking the next
 * batch when its last one is answered. Nothing is stored. A batch the local model's queue refuses is sent again after
 * the wait it names, as a migration worker does; {@link #refusals()} counts them.
 */
final class RawBackfill {

    private final EmbeddingService embeddings;
    private final String space;
    private final int batchSize;
    private final int callers;
    private final AtomicLong refusals = new AtomicLong();

    RawBackfill(EmbeddingService embeddings, String space, int batchSize, int callers) {
        this.embeddings = embeddings;
        this.space = space;
        this.batchSize = batchSize;
        this.callers = callers;
    }

    BackfillRun run(List<String> texts, int round) {
        var batches = new ArrayList<List<String>>();
        for (int from = 0; from < texts.size(); from += batchSize) {
            batches.add(texts.subList(from, Math.min(from + batchSize, texts.size())));
        }
        var next = new AtomicInteger();
        var tokens = new AtomicLong();
        long start = System.nanoTime();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var running = new ArrayList<Future<?>>(callers);
            for (int c = 0; c < callers; c++) {
                running.add(executor.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < batches.size(); ) {
                        tokens.addAndGet(embed(batches.get(i)));
                    }
                    return null;
                }));
            }
            for (Future<?> caller : running) {
                caller.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("the raw embedder failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new BackfillRun(BackfillRun.RAW, round, texts.size(), tokens.get(), seconds);
    }

    /** Batches the local model's queue refused so far, over every run. */
    long refusals() {
        return refusals.get();
    }

    /** Embeds one batch; returns its tokens. */
    private long embed(List<String> batch) throws InterruptedException {
        while (true) {
            Duration wait;
            try {
                Embeddings served = embeddings.embed(SpaceEmbeddingRequest.background(space, batch), Caller.ANONYMOUS);
                if (served.vectors().size() != batch.size()) {
                    throw new IllegalStateException("sent " + batch.size() + " texts, got " + served.vectors().size());
                }
                return served.promptTokens();
            } catch (OverloadedException e) {
                wait = e.retryAfter();
            } catch (RateLimitedException e) {
                wait = e.retryAfter();
            }
            refusals.incrementAndGet();
            Thread.sleep(wait);
        }
    }
}
