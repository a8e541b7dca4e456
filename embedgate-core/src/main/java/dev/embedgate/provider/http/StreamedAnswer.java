package dev.embedgate.provider.http;

import dev.embedgate.chat.ChatCompletion;
import dev.embedgate.chat.ChatStreamListener;
import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.ProviderCallException.Kind;

/**
 * A streamed chat answer as it arrives: the text passed on so far, the finish reason, usage, and whether the wire's
 * last event came. A {@link ChatWire} feeds it event by event; {@link RemoteChatProvider} reads it. Used by one
 * stream, on the thread that runs it.
 */
public final class StreamedAnswer {

    /** What the caller's listener threw, carried through the stream unchanged and unwrapped by the provider. */
    static final class ListenerFailed extends RuntimeException {
        ListenerFailed(RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
        }

        @Override
        public synchronized RuntimeException getCause() {
            return (RuntimeException) super.getCause();
        }
    }

    private final String provider;
    private final RemoteEndpoint endpoint;
    private final ChatStreamListener listener;
    private final StringBuilder text = new StringBuilder();
    private int deltas;
    private boolean ended;
    private String finishReason;
    private long inputTokens = -1;
    private long outputTokens = -1;

    StreamedAnswer(String provider, RemoteEndpoint endpoint, ChatStreamListener listener) {
        this.provider = provider;
        this.endpoint = endpoint;
        this.listener = listener;
    }

    /** Passes a part of the answer's text on to the listener (empty parts are dropped). */
    public void delta(String part) {
        if (part == null || part.isEmpty()) {
            return;
        }
        try {
            listener.onDelta(part);
        } catch (RuntimeException e) {
            throw new ListenerFailed(e);
        }
        text.append(part);
        deltas++;
    }

    /** Why generation stopped, in OpenAI's words ({@code stop}, {@code length}, …). */
    public void finish(String reason) {
        finishReason = reason;
    }

    /** Usage as the server reported it; -1 for a count it did not give. */
    public void usage(long input, long output) {
        if (input >= 0) {
            inputTokens = input;
        }
        if (output >= 0) {
            outputTokens = output;
        }
    }

    /** The wire's last event came: the answer is complete. */
    public void end() {
        ended = true;
    }

    /**
     * The failure for an error event in a 2xx stream, with the server's message made safe: {@code SERVER_ERROR}
     * (the provider turns it into {@code STREAM_BROKEN} once text has been passed on).
     */
    public ProviderCallException errorEvent(String serverMessage) {
        String said = SafeText.of(serverMessage, endpoint.apiKey());
        return new ProviderCallException(provider, Kind.SERVER_ERROR, 200, null, provider + ": error event in the stream from "
                + endpoint.describe() + (said.isEmpty() ? "" : ": " + said), null);
    }

    boolean ended() {
        return ended;
    }

    int deltas() {
        return deltas;
    }

    ChatCompletion completion() {
        return new ChatCompletion(text.toString(), finishReason == null ? "stop" : finishReason, inputTokens, outputTokens);
    }
}
