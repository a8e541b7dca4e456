package dev.embedgate.bench.bulk;

import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.ProviderRequest;
import dev.embedgate.provider.ProviderResponse;
import dev.embedgate.provider.local.LocalOnnxProvider;
import dev.embedgate.space.InputType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * EmbedGate's local provider fed the way a bulk client feeds it: the texts cut into requests of
 * {@code requestSize}, with {@code inFlight} requests outstanding at a time (one virtual thread each), so that
 * tokenizing the next request overlaps inference of the current ones and the batcher sees many texts to group.
 */
public final class EmbedGateBulkEmbedder implements BulkEmbedder {

    private static final Duration RETRY_WHEN_FULL = Duration.ofMillis(100);

    private final LocalOnnxProvider provider;
    private final int requestSize;
    private final int inFlight;

    public EmbedGateBulkEmbedder(LocalOnnxProvider provider, int requestSize, int inFlight) {
        if (requestSize <= 0 || inFlight <= 0) {
            throw new IllegalArgumentException("requestSize and inFlight must be positive");
        }
        this.provider = provider;
        // A request larger than one call is split into calls by EmbedGate's pipeline; this feeds calls directly.
        this.requestSize = Math.min(requestSize, provider.limits().maxInputsPerRequest());
        this.inFlight = inFlight;
    }

    @Override
    public void load() {
        provider.warmUp();
    }

    @Override
    public BulkOutput embed(List<String> texts) {
        int requests = (texts.size() + requestSize - 1) / requestSize;
        var vectors = new float[texts.size()][];
        var truncated = new boolean[texts.size()];
        var tokens = new AtomicLong();
        var nextRequest = new AtomicInteger();
        try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            var running = new ArrayList<Future<?>>(inFlight);
            for (int i = 0; i < Math.min(inFlight, requests); i++) {
                running.add(clients.submit(() -> {
                    for (int request; (request = nextRequest.getAndIncrement()) < requests; ) {
                        int from = request * requestSize;
                        int to = Math.min(from + requestSize, texts.size());
                        ProviderResponse response = embedRetryingWhenFull(texts.subList(from, to));
                        for (int j = 0; j < response.vectors().size(); j++) {
                            vectors[from + j] = response.vectors().get(j);
                        }
                        response.truncatedIndexes().forEach(index -> truncated[from + index] = true);
                        tokens.addAndGet(response.promptTokens());
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("EmbedGate failed during the bulk run: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return new BulkOutput(vectors, tokens.get(), truncated);
    }

    /**
     * One call, as EmbedGate's pipeline makes it: a call the model's queue refuses (the bulk share of its tokens is
     * taken by this client's other calls) is retried after {@link #RETRY_WHEN_FULL}, as a client honouring 429 would.
     */
    private ProviderResponse embedRetryingWhenFull(List<String> call) throws InterruptedException {
        while (true) {
            try {
                return provider.embed(new ProviderRequest(call, InputType.DOCUMENT, true));
            } catch (ProviderCallException e) {
                if (e.kind() != ProviderCallException.Kind.OVERLOADED) {
                    throw e;
                }
                Thread.sleep(RETRY_WHEN_FULL);
            }
        }
    }

    @Override
    public void close() {
        provider.close();
    }
}
