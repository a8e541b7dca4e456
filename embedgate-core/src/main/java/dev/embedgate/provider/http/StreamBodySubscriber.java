package dev.embedgate.provider.http;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Feeds a 2xx answer's body, chunk by chunk as the HTTP client receives it, through a parser into a
 * {@link StreamingCall}. It asks for one chunk at a time, so a listener that is slow holds back reading instead of
 * letting chunks pile up. The body it reports to the HTTP client is empty at once: the events are the answer.
 *
 * @param <E> the event type
 */
final class StreamBodySubscriber<E> implements HttpResponse.BodySubscriber<byte[]> {

    private final StreamParser<E> parser;
    private final StreamParser.EventSink<E> sink;
    private final StreamingCall call;
    private final HttpFailures failures;
    private final int status;
    private Flow.Subscription subscription;

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
        }
    }

    @Override
    public void onError(Throwable failure) {
        call.fail(failures.transport(failure));
    }

    @Override
    public void onComplete() {
        try {
            parser.end(sink);
        } catch (MalformedStreamException e) {
            call.fail(failures.malformedStream(status, e));
        }
        call.end(StreamSummary.Ending.END_OF_BODY);
    }
}
