package dev.embedgate.provider.local;

import dev.embedgate.call.Priority;
import dev.embedgate.call.ResilientCallPath;
import dev.embedgate.error.OverloadedException;
import dev.embedgate.error.RequestCancelledException;
import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.ProviderCallException.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One provider call's inputs through a local model's {@link BatchScheduler}, failing the way remote providers do so
 * that a route can fail over: a full queue is {@link Kind#OVERLOADED}, a model closed under the call
 * {@link Kind#UNAVAILABLE}, a failed inference {@link Kind#SERVER_ERROR}, the call's deadline passed
 * {@link Kind#TIMEOUT}; an interrupted caller ends in {@link RequestCancelledException}. Whatever ends the call
 * early drops its inputs still queued.
 */
final class ScheduledInference {

    private ScheduledInference() {
    }

    /** The scheduler's results for {@code inputs}, in their order. */
    static <I> List<float[]> run(String provider, BatchScheduler<I> scheduler, List<? extends I> inputs,
                                 Priority priority) {
        var results = new ArrayList<float[]>(inputs.size());
        List<CompletableFuture<float[]>> futures = List.of();
        try {
            futures = submit(provider, scheduler, inputs, priority);
            // Within a call, wait no longer than its deadline leaves; the inputs still queued are then dropped.
            long deadline = ResilientCallPath.timeLeft().map(left -> System.nanoTime() + left.toNanos())
                    .orElse(Long.MAX_VALUE);
            for (CompletableFuture<float[]> future : futures) {
                results.add(deadline == Long.MAX_VALUE ? future.get()
                        : future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            return results;
        } catch (TimeoutException e) {
            futures.forEach(future -> future.cancel(false));
            throw failure(provider, Kind.TIMEOUT, "inference did not finish before the call's deadline", e);
        } catch (InterruptedException e) {
            futures.forEach(future -> future.cancel(false));
            Thread.currentThread().interrupt();
            throw new RequestCancelledException("the request was cancelled while it waited for " + provider
                    + "; its texts still queued were dropped", e);
        } catch (CancellationException e) {
            throw failure(provider, Kind.UNAVAILABLE, "the model was closed while this request waited", e);
        } catch (ExecutionException e) {
            futures.forEach(future -> future.cancel(false));
            throw failure(provider, Kind.SERVER_ERROR, "inference failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static <I> List<CompletableFuture<float[]>> submit(String provider, BatchScheduler<I> scheduler,
                                                               List<? extends I> inputs, Priority priority) {
        try {
            return scheduler.submit(inputs, priority);
        } catch (OverloadedException e) {
            throw new ProviderCallException(provider, Kind.OVERLOADED, 0, e.retryAfter(), e.getMessage(), e);
        }
    }

    static ProviderCallException failure(String provider, Kind kind, String message, Throwable cause) {
        return new ProviderCallException(provider, kind, 0, null, message, cause);
    }
}
