package dev.embedgate.bench.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Sends a whole corpus through {@code /v1/embeddings} in fixed-size requests, a few in flight. */
public final class HttpBulkFeed {

    /**
     * @param texts        texts sent
     * @param promptTokens tokens the server reported
     * @param seconds      wall-clock time
     */
    public record Result(int texts, long promptTokens, double seconds, int requestSize, int inFlight) {
        public double textsPerSecond() {
            return texts / seconds;
        }
    }

    private final EmbeddingsClient client;

    public HttpBulkFeed(EmbeddingsClient client) {
        this.client = client;
    }

    public Result send(List<String> texts, int requestSize, int inFlight) {
        int requests = (texts.size() + requestSize - 1) / requestSize;
        var next = new AtomicInteger();
        var tokens = new AtomicLong();
        long start = System.nanoTime();
        try (var senders = Executors.newVirtualThreadPerTaskExecutor()) {
            var running = new ArrayList<Future<?>>(inFlight);
            for (int i = 0; i < Math.min(inFlight, requests); i++) {
                running.add(senders.submit(() -> {
                    for (int request; (request = next.getAndIncrement()) < requests; ) {
                        int from = request * requestSize;
                        tokens.addAndGet(client.embed(texts.subList(from, Math.min(from + requestSize, texts.size()))).promptTokens());
                    }
                    return null;
                }));
            }
            for (Future<?> sender : running) {
                sender.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("the bulk feed failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return new Result(texts.size(), tokens.get(), (System.nanoTime() - start) / 1e9, requestSize, inFlight);
    }

    /** One request, for checking the server answers correctly before measuring it. */
    public EmbeddingsReply probe(List<String> texts) throws IOException, InterruptedException {
        return client.embed(texts);
    }
}
