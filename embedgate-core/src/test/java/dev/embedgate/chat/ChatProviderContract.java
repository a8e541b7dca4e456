package dev.embedgate.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.embedgate.error.RequestCancelledException;
import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.ProviderCallException.Kind;
import dev.embedgate.provider.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What every remote chat provider does, whatever its wire, against a server it can script (the provider simulator):
 * whole and streamed answers equal the server's, deltas arrive as they are generated, limits end an answer with
 * {@code length}, failures before the first delta keep the kind their status or transport gives (so they may be
 * retried or failed over), failures after it are {@link Kind#STREAM_BROKEN} with the deltas before them delivered,
 * deadlines hold, a listener that throws (or an interrupt) cancels the upstream stream, and the key never appears in
 * a message. Each kind's test extends this with its provider and the server's controls.
 */
public abstract class ChatProviderContract {

    /** Recognisable, so that a leak anywhere is found by a plain search. */
    protected static final Secret KEY = Secret.of("sk-CHATKEY-do-not-leak-0123456789abcdef");

    /** Roomy deadlines for calls that should succeed or fail on their own. */
    protected static final ChatDeadlines ROOMY = new ChatDeadlines(Duration.ofSeconds(10), Duration.ofSeconds(10),
            Duration.ofSeconds(30));
    /** Short deadlines for stalls. */
    protected static final ChatDeadlines SHORT = new ChatDeadlines(Duration.ofMillis(1_500), Duration.ofMillis(400),
            Duration.ofSeconds(10));

    /** How a server breaks a stream. */
    public enum StreamBreak { DROP, STALL, ERROR_EVENT }

    /** The scriptable server the provider talks to; faults apply to the next call only, pace to every stream. */
    public interface ChatServer {

        /** The next call is answered with this status in the provider's error shape (a 429 with this Retry-After). */
        void failNextCall(int status, int retryAfterSeconds);

        /** The next streamed answer breaks after this many text chunks. */
        void breakNextStream(StreamBreak kind, int afterChunks);

        /** Streams pause this long between two chunks. */
        void pace(Duration interval);

        /** Waits until this many streams were cancelled by their client (seen at the server). */
        boolean awaitCancelledStreams(int count, Duration timeout) throws InterruptedException;

        /** The answer the server gives: content, finish reason in OpenAI's words, usage. */
        ChatCompletion expected(ChatRequest request);

        /** The answer's chunks as the server streams them. */
        List<String> expectedChunks(ChatRequest request);

        /** Back to no faults and no pace. */
        void reset();
    }

    private final List<ChatProvider> opened = new ArrayList<>();

    /** The server the provider under test talks to. */
    protected abstract ChatServer server();

    /** The provider under test, with {@link #KEY} and these deadlines, reaching {@link #server()}. */
    protected abstract ChatProvider provider(ChatDeadlines deadlines);

    @AfterEach
    void closeProvidersAndResetServer() {
        opened.forEach(ChatProvider::close);
        opened.clear();
        server().reset();
    }

    protected final ChatProvider open(ChatDeadlines deadlines) {
        ChatProvider provider = provider(deadlines);
        opened.add(provider);
        return provider;
    }

    protected static ChatRequest question() {
        return ChatRequest.of(List.of(new ChatMessage("system", "You answer briefly."),
                new ChatMessage("user", "Which rivers flow through the old town of Lyon in France today?")));
    }

    private static ChatRequest limited(ChatRequest request, Integer maxTokens, List<String> stop) {
        return new ChatRequest(request.messages(), maxTokens, 0.2, 0.9, stop, "user-42");
    }

    @Test
    void completeAnswersTheServersWholeAnswerWithItsUsage() {
        ChatCompletion answer = open(ROOMY).complete(question());

        assertThat(answer).isEqualTo(server().expected(question()));
        assertThat(answer.finishReason()).isEqualTo("stop");
        assertThat(answer.inputTokens()).isPositive();
        assertThat(answer.outputTokens()).isPositive();
    }

    @Test
    void streamDeliversSeveralDeltasThatMakeTheWholeAnswer() {
        var deltas = new CopyOnWriteArrayList<String>();

        ChatCompletion answer = open(ROOMY).stream(question(), deltas::add);

        assertThat(deltas).hasSizeGreaterThan(3);
        assertThat(String.join("", deltas)).isEqualTo(server().expected(question()).content());
        assertThat(answer).isEqualTo(server().expected(question()));
    }

    @Test
    void aPacedStreamDeliversItsFirstDeltaLongBeforeTheCallReturns() {
        server().pace(Duration.ofMillis(40));
        int chunks = server().expectedChunks(question()).size();
        AtomicLong firstDeltaNanos = new AtomicLong();
        long start = System.nanoTime();

        open(ROOMY).stream(question(), delta -> firstDeltaNanos.compareAndSet(0, System.nanoTime()));

        long end = System.nanoTime();
        assertThat(firstDeltaNanos.get()).isPositive();
        // (chunks - 1) pauses of 40 ms come after the first delta
        assertThat(Duration.ofNanos(end - firstDeltaNanos.get())).isGreaterThan(Duration.ofMillis(40L * (chunks - 1) / 2));
        assertThat(Duration.ofNanos(firstDeltaNanos.get() - start)).isLessThan(Duration.ofNanos((end - start) / 2));
    }

    @Test
    void aListenerThatAcceptsRelayedDeliveryGetsThePacedStreamWholeFromTheRelay() {
        server().pace(Duration.ofMillis(20));
        var deltas = new CopyOnWriteArrayList<String>();
        var threads = new CopyOnWriteArrayList<String>();
        var listener = new ChatStreamListener() {
            @Override
            public void onDelta(String text) {
                deltas.add(text);
                threads.add(Thread.currentThread().getName());
            }

            @Override
            public boolean relayable() {
                return true;
            }
        };

        ChatCompletion answer = open(ROOMY).stream(question(), listener);

        assertThat(String.join("", deltas)).isEqualTo(server().expected(question()).content());
        assertThat(answer).isEqualTo(server().expected(question()));
        assertThat(threads).as("plain-HTTP streams are relayed after their first event")
                .anySatisfy(thread -> assertThat(thread).startsWith("embedgate-stream-relay-"));
    }

    @Test
    void aTokenLimitCutsTheAnswerWithFinishReasonLength() {
        ChatRequest request = limited(question(), 3, List.of());
        ChatCompletion expected = server().expected(request);
        var deltas = new CopyOnWriteArrayList<String>();

        ChatCompletion whole = open(ROOMY).complete(request);
        ChatCompletion streamed = open(ROOMY).stream(request, deltas::add);

        assertThat(expected.finishReason()).isEqualTo("length");
        assertThat(expected.outputTokens()).isEqualTo(3);
        assertThat(whole).isEqualTo(expected);
        assertThat(streamed).isEqualTo(expected);
        assertThat(deltas).containsExactlyElementsOf(server().expectedChunks(request));
    }

    @Test
    void aStopSequenceEndsTheAnswerBeforeIt() {
        ChatRequest request = limited(question(), null, List.of("old town"));

        ChatCompletion whole = open(ROOMY).complete(request);
        ChatCompletion streamed = open(ROOMY).stream(request, delta -> { });

        assertThat(whole.content()).endsWith("through the ").doesNotContain("old town");
        assertThat(whole.finishReason()).isEqualTo("stop");
        assertThat(streamed).isEqualTo(whole).isEqualTo(server().expected(request));
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({"429, RATE_LIMITED", "500, SERVER_ERROR", "503, SERVER_ERROR", "401, UNAUTHORIZED", "400, REJECTED"})
    void anErrorBeforeTheFirstTokenKeepsTheKindItsStatusGives(int status, Kind kind) {
        server().failNextCall(status, 2);
        ProviderCallException whole = catchThrowableOfType(ProviderCallException.class, () -> open(ROOMY).complete(question()));
        server().failNextCall(status, 2);
        var deltas = new CopyOnWriteArrayList<String>();
        ProviderCallException streamed = catchThrowableOfType(ProviderCallException.class,
                () -> open(ROOMY).stream(question(), deltas::add));

        for (ProviderCallException failure : List.of(whole, streamed)) {
            assertThat(failure.kind()).isEqualTo(kind);
            assertThat(failure.httpStatus()).isEqualTo(status);
            assertNoKey(failure);
            if (status == 429) {
                assertThat(failure.retryAfter()).contains(Duration.ofSeconds(2));
            }
        }
        assertThat(deltas).isEmpty();
    }

    @Test
    void aDropAfterSomeChunksIsAStreamBrokenWithThoseChunksDelivered() {
        assertBrokenAfter(StreamBreak.DROP, 3, ROOMY);
    }

    @Test
    void anErrorEventAfterSomeChunksIsAStreamBrokenWithThoseChunksDelivered() {
        assertBrokenAfter(StreamBreak.ERROR_EVENT, 3, ROOMY);
    }

    @Test
    void aStallAfterSomeChunksIsAStreamBrokenOnceTheBetweenTokensDeadlinePasses() {
        long start = System.nanoTime();
        ProviderCallException failure = assertBrokenAfter(StreamBreak.STALL, 2, SHORT);
        assertThat(failure.getCause()).isInstanceOfSatisfying(ProviderCallException.class,
                cause -> assertThat(cause.kind()).isEqualTo(Kind.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aDropOrAnErrorEventBeforeTheFirstTokenIsARetryableFailure() {
        for (StreamBreak kind : List.of(StreamBreak.DROP, StreamBreak.ERROR_EVENT)) {
            server().breakNextStream(kind, 0);
            var deltas = new CopyOnWriteArrayList<String>();
            ProviderCallException failure = catchThrowableOfType(ProviderCallException.class,
                    () -> open(ROOMY).stream(question(), deltas::add));

            assertThat(failure.kind()).as(kind.name()).isIn(Kind.CONNECTION, Kind.SERVER_ERROR);
            assertThat(failure.kind().retryable()).isTrue();
            assertThat(deltas).isEmpty();
            assertNoKey(failure);
        }
    }

    @Test
    void aStallBeforeTheFirstTokenIsATimeout() {
        server().breakNextStream(StreamBreak.STALL, 0);
        long start = System.nanoTime();

        ProviderCallException failure = catchThrowableOfType(ProviderCallException.class,
                () -> open(SHORT).stream(question(), delta -> { }));

        assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertNoKey(failure);
    }

    @Test
    void aListenerThatThrowsCancelsTheUpstreamStreamAndItsExceptionPropagates() throws InterruptedException {
        server().pace(Duration.ofMillis(30));
        var clientGone = new IllegalStateException("the gateway's client went away");

        Throwable thrown = catchThrowable(() -> open(ROOMY).stream(question(), delta -> {
            throw clientGone;
        }));

        assertThat(thrown).isSameAs(clientGone);
        assertThat(server().awaitCancelledStreams(1, Duration.ofSeconds(5))).as("the server saw the stream cancelled").isTrue();
    }

    @Test
    void anInterruptOfTheCallingThreadCancelsTheUpstreamStream() throws InterruptedException {
        server().pace(Duration.ofMillis(50));
        ChatProvider provider = open(ROOMY);
        var firstDelta = new CountDownLatch(1);
        var outcome = new AtomicReference<Throwable>();
        Thread caller = Thread.ofVirtual().start(() -> outcome.set(catchThrowable(
                () -> provider.stream(question(), delta -> firstDelta.countDown()))));

        assertThat(firstDelta.await(5, TimeUnit.SECONDS)).isTrue();
        caller.interrupt();
        caller.join(5_000);

        assertThat(outcome.get()).isInstanceOf(RequestCancelledException.class);
        assertThat(server().awaitCancelledStreams(1, Duration.ofSeconds(5))).as("the server saw the stream cancelled").isTrue();
    }

    private ProviderCallException assertBrokenAfter(StreamBreak kind, int chunks, ChatDeadlines deadlines) {
        server().breakNextStream(kind, chunks);
        var deltas = new CopyOnWriteArrayList<String>();

        ProviderCallException failure = catchThrowableOfType(ProviderCallException.class,
                () -> open(deadlines).stream(question(), deltas::add));

        assertThat(failure).as(kind + " after " + chunks + " chunks").isNotNull();
        assertThat(failure.kind()).isEqualTo(Kind.STREAM_BROKEN);
        assertThat(failure.kind().retryable()).isFalse();
        assertThat(deltas).containsExactlyElementsOf(server().expectedChunks(question()).subList(0, chunks));
        assertNoKey(failure);
        return failure;
    }

    /** Neither the failure nor any of its causes mentions the key. */
    protected static void assertNoKey(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(KEY.reveal()).doesNotContain("CHATKEY");
        }
    }
}
