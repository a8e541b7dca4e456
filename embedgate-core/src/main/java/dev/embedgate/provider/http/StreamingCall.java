package dev.embedgate.provider.http;

import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.http.StreamSummary.Ending;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * One streamed call in flight, started by {@link ProviderHttpClient#streamEvents} or
 * {@link ProviderHttpClient#streamLines}: its events go to the listener as they arrive, and this handle ends it
 * ({@link #cancel()}) or waits for its end ({@link #await()}, {@link #completion()}).
 * <p>
 * A call ends exactly once: with a {@link StreamSummary} (the {@code [DONE]} marker, the end of the body, or a
 * cancel), or with a {@link StreamFailedException} (a deadline, an error status, a broken connection, a malformed
 * stream, an event the listener could not read), or with whatever else the listener threw. Whatever ends it before
 * the body's end closes the connection; after the end no further event is delivered; an event the listener is handling at that moment is
 * finished first, and the call completes only once the listener has returned, so the count of delivered events
 * in a failure is exact. Thread-safe.
 */
public final class StreamingCall {

    /** Deadline checks are rare and short; a virtual thread each keeps them off the common pool. */
    private static final Executor DEADLINE_CHECKS = task -> Thread.ofVirtual().name("embedgate-stream-deadline").start(task);

    private final HttpFailures failures;
    private final StreamSettings settings;
    private final StreamDeadlines deadlines;
    private final CompletableFuture<StreamSummary> completion = new CompletableFuture<>();

    // All guarded by this.
    private boolean over;
    private boolean endedByDoneMarker;
    private boolean listenerBusy;
    private Ending pendingEnding;
    private Throwable pendingFailure;
    private long events;
    private long lastEventNanos;
    /** Only the latest scheduled deadline check goes on; an older one finds itself stale and stops. */
    private long deadlineCheck;
    private int status;
    private CompletableFuture<?> exchange;
    private Flow.Subscription subscription;

    StreamingCall(HttpFailures failures, StreamSettings settings) {
        this.failures = failures;
        this.settings = settings;
        this.deadlines = new StreamDeadlines(settings, System.nanoTime());
    }

    /**
     * Ends the call and closes the connection to the server; the call ends {@link Ending#CANCELLED} unless it had
     * already ended. Returns at once, without waiting for a listener that is handling an event. Callable from any
     * thread, the listener's included; calling it again, or after the end, does nothing.
     */
    public void cancel() {
        end(Ending.CANCELLED);
    }

    /**
     * Waits for the end of the call; the total deadline bounds the wait (unless the listener itself blocks).
     *
     * @return how the call ended, if it did not fail
     * @throws StreamFailedException if it failed; an interrupt of the waiting thread fails and closes the call
     *                               ({@code TIMEOUT}, as a whole-answer call does) and keeps the interrupt flag
     * @throws RuntimeException      whatever the listener threw other than an {@code IOException} or a
     *                               {@link ProviderCallException}
     */
    public StreamSummary await() {
        try {
            return completion.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ProviderCallException failure = failures.interrupted(e);
            fail(failure);
            throw new StreamFailedException(failure, eventsDelivered());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    /**
     * Completes as {@link #await()} returns, or exceptionally with what it throws (wrapped, as a
     * {@code CompletableFuture} wraps). Dependent stages run on the thread that ended the call unless added with an
     * executor. Cancelling this future does not cancel the call: use {@link #cancel()}.
     */
    public CompletableFuture<StreamSummary> completion() {
        return completion.copy();
    }

    /** Events the listener has accepted so far. */
    public synchronized long eventsDelivered() {
        return events;
    }

    /** Whether the call has ended (or is ending, once the listener returns). */
    synchronized boolean isOver() {
        return over;
    }

    /** The exchange, so that an end before the answer's headers aborts it. */
    void attach(CompletableFuture<?> pendingExchange) {
        boolean abort;
        synchronized (this) {
            exchange = pendingExchange;
            abort = over;
        }
        if (abort) {
            pendingExchange.cancel(true);
        }
    }

    /** The body's subscription, so that an end closes the connection; false (and cancelled) if the call is over. */
    boolean attach(Flow.Subscription bodySubscription) {
        synchronized (this) {
            if (!over) {
                subscription = bodySubscription;
                return true;
            }
        }
        bodySubscription.cancel();
        return false;
    }

    /** The answer's status, for the failures of a 2xx stream. */
    synchronized void answered(int answerStatus) {
        status = answerStatus;
    }

    /** Starts checking the deadlines. */
    void watchDeadlines() {
        checkDeadlinesIn(Math.min(settings.firstEventTimeout().toNanos(), settings.totalTimeout().toNanos()));
    }

    /**
     * Hands one event to the listener unless the call is over.
     *
     * @return whether to go on reading
     */
    <E> boolean deliver(StreamListener<E> listener, E event) {
        synchronized (this) {
            if (over) {
                return false;
            }
            listenerBusy = true;
        }
        Throwable thrown = null;
        try {
            listener.onEvent(event);
        } catch (ProviderCallException e) {
            thrown = e;
        } catch (IOException e) {
            thrown = failures.unreadable(statusNow(), "event", e);
        } catch (RuntimeException | Error e) {
            thrown = e;
        }
        Ending ending = null;
        Throwable failure = null;
        long count;
        boolean goOn = false;
        boolean close = false;
        boolean firstEvent = false;
        synchronized (this) {
            listenerBusy = false;
            if (thrown == null) {
                events++;
                lastEventNanos = System.nanoTime();
                firstEvent = events == 1;
            }
            count = events;
            if (over) {
                // Something ended the call while the listener ran; what the listener itself threw says more.
                ending = pendingEnding;
                failure = thrown != null ? thrown : pendingFailure;
            } else if (thrown != null) {
                over = true;
                close = true;
                failure = thrown;
            } else {
                goOn = true;
            }
        }
        if (goOn) {
            if (firstEvent) {
                // The idle deadline may fall before the scheduled first-event check: look again in time.
                checkDeadlinesIn(nanosUntilNextCheck());
            }
            return true;
        }
        if (close) {
            closeUpstream();
        }
        complete(ending, failure, count);
        return false;
    }

    /** Ends the call without a failure (unless it had already ended). */
    void end(Ending ending) {
        finish(ending, null);
    }

    /** Ends the call with a failure (unless it had already ended). */
    void fail(Throwable failure) {
        finish(null, failure);
    }

    private void finish(Ending ending, Throwable failure) {
        boolean completeNow;
        long count;
        synchronized (this) {
            if (over) {
                return;
            }
            over = true;
            completeNow = !listenerBusy;
            if (listenerBusy) {
                pendingEnding = ending;
                pendingFailure = failure;
            }
            count = events;
            endedByDoneMarker = ending == Ending.DONE_MARKER;
        }
        if (ending != Ending.DONE_MARKER) {
            closeUpstream();
        }
        // After [DONE], the subscriber reads the few bytes that end the body, so the connection is kept for the next.
        if (completeNow) {
            complete(ending, failure, count);
        }
    }

    /** Whether the call ended with {@code [DONE]}: the rest of its body is read and dropped, not cut. */
    synchronized boolean endedByDoneMarker() {
        return endedByDoneMarker;
    }

    private void complete(Ending ending, Throwable failure, long count) {
        synchronized (this) {
            exchange = null;
            subscription = null;
        }
        if (failure == null) {
            completion.complete(new StreamSummary(count, ending));
        } else if (failure instanceof ProviderCallException providerFailure) {
            completion.completeExceptionally(new StreamFailedException(providerFailure, count));
        } else {
            completion.completeExceptionally(failure);
        }
    }

    /** Aborts the exchange if the headers have not come yet, and cancels the body (which closes the connection). */
    private void closeUpstream() {
        CompletableFuture<?> pendingExchange;
        Flow.Subscription bodySubscription;
        synchronized (this) {
            pendingExchange = exchange;
            bodySubscription = subscription;
        }
        if (bodySubscription != null) {
            bodySubscription.cancel();
        }
        if (pendingExchange != null) {
            pendingExchange.cancel(true);
        }
    }

    private synchronized int statusNow() {
        return status;
    }

    private void checkDeadlinesIn(long nanos) {
        long check;
        synchronized (this) {
            check = ++deadlineCheck;
        }
        CompletableFuture.delayedExecutor(nanos, TimeUnit.NANOSECONDS, DEADLINE_CHECKS).execute(() -> checkDeadlines(check));
    }

    /** When the earliest deadline falls as things stand now (0 if one has passed). */
    private synchronized long nanosUntilNextCheck() {
        return deadlines.check(System.nanoTime(), events, lastEventNanos, listenerBusy) instanceof StreamDeadlines.Pending pending
                ? pending.nanosUntilNextCheck() : 0;
    }

    private void checkDeadlines(long check) {
        StreamDeadlines.Verdict verdict;
        long count;
        synchronized (this) {
            if (over || check != deadlineCheck) {
                return;
            }
            verdict = deadlines.check(System.nanoTime(), events, lastEventNanos, listenerBusy);
            count = events;
        }
        switch (verdict) {
            case StreamDeadlines.Expired expired -> fail(failures.streamTimedOut(expired.deadline(), settings, count));
            case StreamDeadlines.Pending pending -> checkDeadlinesIn(pending.nanosUntilNextCheck());
        }
    }
}
