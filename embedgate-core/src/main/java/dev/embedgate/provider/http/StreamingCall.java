package dev.embedgate.provider.http;

import dev.embedgate.error.RequestCancelledException;
import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.http.StreamSummary.Ending;
import dev.embedgate.provider.http.blocking.AnswerStream;
import dev.embedgate.provider.http.blocking.BlockingHttpClient;
import dev.embedgate.provider.http.blocking.HttpAnswer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One streamed call, run on the calling thread from the request to the answer's end: the body is read as it arrives,
 * parsed into events, and each event handed to the listener on the same thread, with no hand-off in between (on a
 * virtual thread, a read that waits parks it and costs nothing else). The deadlines are the socket's: each read waits
 * at most until the earliest of them, counted from the listener's return, so time the listener takes is never the
 * server's idleness. A {@link StreamListener#relayable} listener's events after the first may come from the
 * {@link StreamRelay} instead, which hands the body back here whenever anything but the ordinary course comes. See
 * {@link ProviderHttpClient#streamEvents} for how a call ends. One use.
 *
 * @param <E> the event type
 */
final class StreamingCall<E> {

    /** After the last event, at most this much of the body is read (and this long) to keep the connection. */
    private static final long MAX_DRAINED_BYTES = 16 * 1024;
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** How long the caller waits for the body's end after the last event; a virtual thread waits for the rest. */
    private static final long DRAIN_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** An error answer is read whole to be quoted; more than this is not an error message. */
    private static final int MAX_ERROR_BYTES = 1 << 20;
    /** Events longer than a read are parsed from several: the connection's own buffer holds what the socket gave. */
    private static final int READ_BYTES = 1024;

    private final HttpFailures failures;
    private final StreamSettings settings;
    private final StreamParser<E> parser;
    private final Predicate<E> lastMarker;
    private final StreamListener<E> listener;
    private final StreamParser.EventSink<E> sink = this::deliver;
    /** On the relay, no event follows one whose write was left unfinished. */
    private final StreamParser.EventSink<E> relayedSink = event -> deliver(event) && !RelayedDelivery.writePending();
    private StreamDeadlines deadlines;
    private int status;
    private long events;
    private long lastEventNanos;
    private boolean markerSeen;
    /** What the listener threw for the event it was handed last. */
    private Throwable listenerFailure;

    /**
     * @param lastMarker tells the event that ends the stream without reaching the listener ({@code [DONE]})
     */
    StreamingCall(HttpFailures failures, StreamSettings settings, StreamParser<E> parser, Predicate<E> lastMarker,
            StreamListener<E> listener) {
        this.failures = failures;
        this.settings = settings;
        this.parser = parser;
        this.lastMarker = lastMarker;
        this.listener = listener;
    }

    /**
     * @param errorAnswers maps a non-2xx answer, read whole, to its failure
     */
    StreamSummary run(BlockingHttpClient http, URI uri, Map<String, String> headers, byte[] body,
            Function<HttpAnswer, ProviderCallException> errorAnswers) {
        deadlines = new StreamDeadlines(settings, System.nanoTime());
        AnswerStream answer = open(http, uri, headers, body);
        Ending ending = null;
        try {
            status = answer.status();
            if (status < 200 || status >= 300) {
                byte[] error = answer.readRest(MAX_ERROR_BYTES, nextDeadline());
                throw failed(errorAnswers.apply(new HttpAnswer(status, answer.headers(), error)));
            }
            ending = readEvents(answer);
            return new StreamSummary(events, ending);
        } catch (MalformedStreamException e) {
            throw failed(failures.malformedStream(status, e));
        } catch (HttpTimeoutException e) {
            throw failed(failures.streamTimedOut(passedDeadline(), settings, events));
        } catch (IOException e) {
            throw failed(transport(e));
        } finally {
            if (ending == Ending.DONE_MARKER) {
                answer.closeAfterDraining(MAX_DRAINED_BYTES, DRAIN_WAIT_NANOS, System.nanoTime() + DRAIN_NANOS);
            } else {
                answer.close();
            }
        }
    }

    private AnswerStream open(BlockingHttpClient http, URI uri, Map<String, String> headers, byte[] body) {
        try {
            return http.open(uri, headers, body, nextDeadline());
        } catch (HttpTimeoutException e) {
            // Connecting as such is bounded by the deadline: a slow connect is this stream's first-event timeout.
            throw failed(failures.streamTimedOut(passedDeadline(), settings, 0));
        } catch (IOException e) {
            throw failed(transport(e));
        }
    }

    private Ending readEvents(AnswerStream answer) throws IOException {
        byte[] buffer = new byte[READ_BYTES];
        ByteBuffer read = ByteBuffer.wrap(buffer);
        while (true) {
            int n = answer.read(buffer, nextDeadline());
            if (n < 0) {
                parser.end(sink);
            } else {
                parser.feed(read.limit(n).position(0), sink);
            }
            if (listenerFailure != null) {
                throw listenerFailure instanceof ProviderCallException failure ? failed(failure) : asUnchecked(listenerFailure);
            }
            if (markerSeen) {
                return Ending.DONE_MARKER;
            }
            if (n < 0) {
                return Ending.END_OF_BODY;
            }
            if (events > 0 && listener.relayable()) {
                relayIfDetachable(answer);
                if (listenerFailure != null) {
                    throw listenerFailure instanceof ProviderCallException failure ? failed(failure)
                            : asUnchecked(listenerFailure);
                }
                if (markerSeen) {
                    return Ending.DONE_MARKER;
                }
            }
        }
    }

    /**
     * Lets the {@link StreamRelay} read on while the body is in its ordinary course, and takes it back where the relay
     * stopped: the loop above then carries on as if it had read everything itself. Once the listener has taken an
     * event, and only for a listener that never waits; deadlines nearer than twice the relay's margin stay here.
     */
    private void relayIfDetachable(AnswerStream answer) throws IOException {
        SocketChannel channel = answer.detachableChannel();
        if (channel == null || deadlineNanos() - System.nanoTime() < 2 * StreamRelay.NEAR_DEADLINE_NANOS) {
            return;
        }
        StreamRelay.Job job = StreamRelay.shared().relay(channel, answer.chunkOpen(),
                bytes -> parser.feed(bytes, relayedSink) && listenerFailure == null && !markerSeen,
                this::deadlineNanos);
        StreamRelay.HandBack handBack;
        try {
            handBack = job.await();
        } catch (IOException e) {
            answer.close();
            throw e;
        }
        answer.resume(handBack.unread(), handBack.leftInChunk(), handBack.chunkOpen());
        if (handBack.pendingWrite() != null) {
            awaitWrite(handBack.pendingWrite());
        }
    }

    /** A write the relay left unfinished: the next event waits for it, and its failure is the listener's. */
    private void awaitWrite(CompletableFuture<?> write) {
        try {
            write.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            listenerFailure = new RequestCancelledException("the request was cancelled while its answer was written",
                    e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            listenerFailure = cause instanceof RuntimeException || cause instanceof Error ? cause
                    : new RequestCancelledException("the client went away during its streamed answer", cause);
        }
    }

    /** When the next event must have arrived, as things stand ({@link System#nanoTime()}); now if a deadline passed. */
    private long deadlineNanos() {
        long now = System.nanoTime();
        return deadlines.check(now, events, lastEventNanos) instanceof StreamDeadlines.Pending pending
                ? now + pending.nanosUntilNextCheck() : now;
    }

    /** Hands one event to the listener; false ends the reading (the last marker, or the listener failed). */
    private boolean deliver(E event) {
        if (lastMarker.test(event)) {
            markerSeen = true;
            return false;
        }
        try {
            listener.onEvent(event);
        } catch (RuntimeException | Error e) {
            listenerFailure = e;
            return false;
        } catch (IOException e) {
            listenerFailure = failures.unreadable(status, "event", e);
            return false;
        }
        events++;
        lastEventNanos = System.nanoTime();
        return true;
    }

    /** When the next read must have brought something: the earliest deadline as things stand now. */
    private long nextDeadline() {
        long now = System.nanoTime();
        return switch (deadlines.check(now, events, lastEventNanos)) {
            case StreamDeadlines.Expired expired -> throw failed(failures.streamTimedOut(expired.deadline(), settings, events));
            case StreamDeadlines.Pending pending -> now + pending.nanosUntilNextCheck();
        };
    }

    /** The deadline a read timed out on (socket timeouts round up to the millisecond, so one has passed). */
    private StreamDeadlines.Deadline passedDeadline() {
        return deadlines.check(System.nanoTime(), events, lastEventNanos) instanceof StreamDeadlines.Expired expired
                ? expired.deadline() : events == 0 ? StreamDeadlines.Deadline.FIRST_EVENT : StreamDeadlines.Deadline.IDLE;
    }

    private ProviderCallException transport(IOException e) {
        return Thread.currentThread().isInterrupted() ? failures.interrupted(e) : failures.transport(e);
    }

    private StreamFailedException failed(ProviderCallException failure) {
        return new StreamFailedException(failure, events);
    }

    private static RuntimeException asUnchecked(Throwable thrown) {
        if (thrown instanceof Error error) {
            throw error;
        }
        return (RuntimeException) thrown;
    }
}
