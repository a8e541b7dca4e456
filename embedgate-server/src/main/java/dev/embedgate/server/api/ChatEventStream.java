package dev.embedgate.server.api;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedgate.chat.ChatAnswer;
import dev.embedgate.chat.ChatStreamListener;
import dev.embedgate.error.RequestCancelledException;
import dev.embedgate.provider.http.RelayedDelivery;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.util.Callback;

/**
 * One streamed chat answer as OpenAI's server-sent events: nothing is sent before the first token (so that a
 * failure before it is still an ordinary JSON error with its status, and the pipeline may fail over), then one
 * {@code chat.completion.chunk} per part, flushed at once, then the finish reason, the usage when asked, and
 * {@code data: [DONE]}. A failure after the first token ends the stream with an error event in OpenAI's shape and
 * no {@code [DONE]}. A write that fails means the client went away: it throws {@link RequestCancelledException},
 * which cancels the upstream call. Everything runs on the request's thread, where the upstream stream is read too and
 * each part written as soon as it was parsed, except parts relayed after the first ({@link #relayable}).
 */
final class ChatEventStream implements ChatStreamListener {

    /** How long a broken stream's error event has to reach the client's reader before the connection is cut. */
    private static final Duration CUT_DELAY = Duration.ofMillis(100);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ROLE_AND_CONTENT_START = "\"role\":\"assistant\",\"content\":\""
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT_START = "\"content\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DELTA_END = "\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n"
            .getBytes(StandardCharsets.US_ASCII);

    private final Context ctx;
    private final ChatAnswerWriter writer;
    private final String id;
    private final long created;
    private OutputStream out;
    /** Everything of a content chunk before its escaped text. */
    private byte[] deltaStart;
    /** Where each content chunk is put together: it always starts with {@link #deltaStart}. */
    private byte[] deltaChunk = new byte[0];
    /** {@link #deltaChunk} as Jetty's non-blocking write takes it; null until a relayed write, and when it grew. */
    private ByteBuffer relayedChunk;
    private final RelayedWrite relayedWrite = new RelayedWrite();
    private boolean roleSent;
    private volatile boolean started;

    ChatEventStream(Context ctx, ChatAnswerWriter writer, String id, long created) {
        this.ctx = ctx;
        this.writer = writer;
        this.id = id;
        this.created = created;
    }

    /** Whether the answer's headers (and a part) have gone to the client. */
    boolean started() {
        return started;
    }

    @Override
    public void starting(String model, String provider) {
        HttpServletResponse response = ctx.res();
        response.setStatus(200);
        response.setContentType("text/event-stream; charset=utf-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        response.setHeader("X-EmbedGate-Model", model);
        response.setHeader("X-EmbedGate-Provider", provider);
        try {
            out = response.getOutputStream();
        } catch (IOException e) {
            throw gone(e);
        }
        deltaStart = ("data: {\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":" + created
                + ",\"model\":" + quoted(model) + ",\"system_fingerprint\":null,\"choices\":[{\"index\":0,\"delta\":{")
                .getBytes(StandardCharsets.UTF_8);
        started = true;
    }

    @Override
    public void onDelta(String text) {
        byte[] contentStart = roleSent ? CONTENT_START : ROLE_AND_CONTENT_START;
        roleSent = true;
        // One write per chunk: it goes out whole with the flush, and Jetty's write path is taken once. The chunk is put
        // together, its text escaped in place, in a buffer kept for the stream (a blocking write is done with it when
        // it returns).
        int room = deltaStart.length + contentStart.length + JsonStringBytes.MAX_BYTES_PER_CHAR * text.length()
                + DELTA_END.length;
        if (deltaChunk.length < room) {
            deltaChunk = new byte[Math.max(room, 2 * deltaChunk.length)];
            System.arraycopy(deltaStart, 0, deltaChunk, 0, deltaStart.length);
            relayedChunk = null;
        }
        int at = deltaStart.length;
        System.arraycopy(contentStart, 0, deltaChunk, at, contentStart.length);
        at = JsonStringBytes.write(text, deltaChunk, at + contentStart.length);
        System.arraycopy(DELTA_END, 0, deltaChunk, at, DELTA_END.length);
        int length = at + DELTA_END.length;
        if (RelayedDelivery.active()) {
            writeRelayed(length);
            return;
        }
        try {
            out.write(deltaChunk, 0, length);
            out.flush();
        } catch (IOException e) {
            throw gone(e);
        }
    }

    /** Parts after the first may come from the stream relay's thread, which waits for nobody. */
    @Override
    public boolean relayable() {
        return true;
    }

    /**
     * A part from the stream relay's thread: written with Jetty's own non-blocking write, under the servlet stream
     * (which has nothing buffered: every part is flushed). A write that cannot finish at once (the client reads
     * slowly) is left to the request's thread, which waits for it before anything else is written, so the chunk's
     * buffer is never reused while a write holds it.
     */
    private void writeRelayed(int length) {
        if (relayedChunk == null) {
            relayedChunk = ByteBuffer.wrap(deltaChunk);
        }
        relayedChunk.clear().limit(length);
        relayedWrite.start();
        ServletContextRequest.getServletContextRequest(ctx.req()).getServletContextResponse().write(false,
                relayedChunk, relayedWrite);
        CompletableFuture<Void> unfinished = relayedWrite.unfinished();
        if (unfinished != null) {
            RelayedDelivery.pending(unfinished);
        }
    }

    /**
     * Jetty's callback of the stream's relayed writes, one at a time (the next part waits for an unfinished one): made
     * once per stream, since nearly every write finishes before Jetty's {@code write} returns.
     */
    private static final class RelayedWrite implements Callback {
        private boolean done;
        private Throwable failure;
        private CompletableFuture<Void> waiter;

        synchronized void start() {
            done = false;
            failure = null;
            waiter = null;
        }

        @Override
        public synchronized void succeeded() {
            done = true;
            if (waiter != null) {
                waiter.complete(null);
            }
        }

        @Override
        public synchronized void failed(Throwable cause) {
            done = true;
            failure = cause;
            if (waiter != null) {
                waiter.completeExceptionally(gone(cause));
            }
        }

        /**
         * Null when the write finished; a future of its end when it has not yet.
         *
         * @throws RequestCancelledException it failed: the client went away
         */
        synchronized CompletableFuture<Void> unfinished() {
            if (failure != null) {
                throw gone(failure);
            }
            if (done) {
                return null;
            }
            waiter = new CompletableFuture<>();
            return waiter;
        }
    }

    /** The end of a whole answer: its finish reason, its usage when asked, {@code [DONE]}. */
    void finish(ChatAnswer answer, boolean includeUsage) throws IOException {
        if (!started) {
            // An empty answer: the stream still starts, with the role and no text.
            starting(answer.model(), answer.provider());
            onDelta("");
        }
        out.write(deltaStart);
        out.write(("},\"logprobs\":null,\"finish_reason\":" + quoted(ChatAnswerWriter.finishReason(answer.completion()))
                + "}]}\n\n").getBytes(StandardCharsets.UTF_8));
        if (includeUsage) {
            ObjectNode usage = chunk(answer.model());
            usage.putArray("choices");
            usage.set("usage", writer.usage(answer.completion()));
            write(usage);
        }
        out.write(DONE);
        out.flush();
    }

    /**
     * Ends a started stream with an error event, as OpenAI's servers do, then cuts the connection: no {@code [DONE]}
     * and no end of the chunked body follow, so that a client that does not read error events (LangChain4j's OpenAI
     * client, for one) sees a broken answer rather than a complete one that is silently short. The cut waits
     * {@link #CUT_DELAY} after the event: the JDK's {@code HttpClient} (under LangChain4j's client and many others)
     * drops body bytes it has received but not yet handed to its reader when the connection ends, and lost the event
     * in 1 run in 3 when the two arrived together.
     */
    void fail(byte[] errorBody) throws IOException {
        out.write("data: ".getBytes(StandardCharsets.US_ASCII));
        out.write(errorBody);
        out.write("\n\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        try {
            Thread.sleep(CUT_DELAY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ServletContextRequest.getServletContextRequest(ctx.req()).getConnectionMetaData().getConnection()
                .getEndPoint().shutdownOutput();
    }

    /**
     * Ends a complete answer and then its connection, for a client whose next request arrived while it streamed (a
     * byte of that request is consumed; RFC 9112 lets the client retry it on a new connection).
     */
    void endConnection() {
        try {
            out.close();
        } catch (IOException clientGone) {
            // Nothing left to end.
        }
        ServletContextRequest.getServletContextRequest(ctx.req()).getConnectionMetaData().getConnection()
                .getEndPoint().shutdownOutput();
    }

    private ObjectNode chunk(String model) {
        ObjectNode chunk = writer.json().createObjectNode();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        chunk.putNull("system_fingerprint");
        return chunk;
    }

    private void write(ObjectNode event) throws IOException {
        out.write("data: ".getBytes(StandardCharsets.US_ASCII));
        out.write(writer.json().writeValueAsBytes(event));
        out.write("\n\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static String quoted(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }

    private static RequestCancelledException gone(Throwable e) {
        return new RequestCancelledException("the client went away during its streamed answer", e);
    }
}
