package dev.embedgate.provider.http;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Feeds a 2xx answer's body, chunk by chunk as the HTTP client receives it, through a parser into a
 * {@link StreamingCall}. It asks for one chunk at a time, so a listener that is slow holds back reading instead of
 * letting chunks pile up. The body it reports to the HTTP client is empty at once: the events are the answer. After
 * {@code [DONE]} it reads the body to its end (a few bytes), so that the connection serves the next stream.
 *
 * @param <E> the event type
 */
final class StreamBodySubscriber<E> implements HttpResponse.BodySubscriber<byte[]> {

    /** Past this after {@code [DONE]}, or this long, the rest of a body is cut rather than read for reuse. */
    private static final long MAX_DRAINED_BYTES = 16 * 1024;
    private static final Executor DRAIN_DEADLINE = CompletableFuture.delayedExecutor(2, TimeUnit.SECONDS);

    private final StreamParser<E> parser;
    private final StreamParser.EventSink<E> sink;
    private final StreamingCall call;
    private final HttpFailures failures;
    private final int status;
    private Flow.Subscription subscription;
    /** Bytes read after the call ended with {@code [DONE]}, to the end of the body. */
    private long drained;
    private volatile boolean bodyEnded;

    StreamBodySubscriber(StreamParser<E> parser, StreamParser.EventSink<E> sink, StreamingCall call,
            HttpFailures failures, int status) {
        this.parser = parser;
        this.sink = sink;
        this.call = call;
        this.failures = failures;
        this.status = status;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return CompletableFuture.completedStage(null);
    }

    @Override
    public void onSubscribe(Flow.Subscription newSubscription) {
        subscription = newSubscription;
        if (call.attach(newSubscription)) {
            newSubscription.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> chunks) {
        try {
            for (ByteBuffer chunk : chunks) {
                if (!parser.feed(chunk, sink)) {
                    break;
                }
            }
        } catch (MalformedStreamException e) {
            call.fail(failures.malformedStream(status, e));
        }
        if (!call.isOver()) {
            subscription.request(1);
        } else if (call.endedByDoneMarker() && drained <= MAX_DRAINED_BYTES) {
            if (drained == 0) {
                // A server that keeps the body open after [DONE] loses the connection instead of holding it.
                DRAIN_DEADLINE.execute(() -> {
                    if (!bodyEnded) {
                        subscription.cancel();
                    }
                });
            }
            drained += chunks.stream().mapToLong(ByteBuffer::remaining).sum() + 1;
            subscription.request(1);
        } else {
            subscription.cancel();
        }
    }

    @Override
    public void onError(Throwable failure) {
        bodyEnded = true;
        call.fail(failures.transport(failure));
    }

    @Override
    public void onComplete() {
        bodyEnded = true;
        try {
            parser.end(sink);
        } catch (MalformedStreamException e) {
            call.fail(failures.malformedStream(status, e));
        }
        call.end(StreamSummary.Ending.END_OF_BODY);
    }
}
