package dev.embedgate.provider.http;

import dev.embedgate.chat.ChatCompletion;
import dev.embedgate.chat.ChatMessage;
import dev.embedgate.chat.ChatModel;
import dev.embedgate.chat.ChatProvider;
import dev.embedgate.chat.ChatRequest;
import dev.embedgate.chat.ChatStreamListener;
import dev.embedgate.error.RequestCancelledException;
import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.ProviderCallException.Kind;
import java.net.URI;
import java.util.Map;

/**
 * What every remote chat provider shares, whatever its {@link ChatWire}: the HTTP client to its endpoint, usage
 * estimated with {@link #countTokens} where the server reports none (so a real answer never counts 0 tokens), and
 * the meaning of a streamed call's failure:
 * <ul>
 *   <li>before any text reached the listener, the failure as a whole-answer call reports it (its kind from the
 *       status or the transport), so the pipeline may retry or fail over;</li>
 *   <li>after, {@link Kind#STREAM_BROKEN}, which is neither retried nor failed over;</li>
 *   <li>an exception of the listener itself (the gateway's client went away) closes the upstream connection and is
 *       rethrown as it is; an interrupt of the calling thread closes it too and ends in
 *       {@link RequestCancelledException}.</li>
 * </ul>
 * A stream's deadlines are the model's {@link dev.embedgate.chat.ChatDeadlines}; a whole answer may take the total
 * deadline (the endpoint's timeout is sized for embedding calls, not for generating text), cut to what the call's
 * own deadline leaves. Messages never hold the credential. Thread-safe.
 *
 * @param <E> the wire's streamed unit
 */
public abstract class RemoteChatProvider<E> implements ChatProvider {

    private final String name;
    private final ChatModel model;
    private final RemoteEndpoint endpoint;
    private final ProviderHttpClient http;
    private final URI uri;
    private final Map<String, String> headers;
    private final ChatWire<E> wire;

    /**
     * @param uri         where every call is posted
     * @param headers     sent with every call (credentials among them)
     * @param errorMapper reads the endpoint's non-2xx answers
     */
    protected RemoteChatProvider(String name, ChatModel model, RemoteEndpoint endpoint, URI uri,
            Map<String, String> headers, ProviderHttpClient.ErrorMapper errorMapper, ChatWire<E> wire) {
        this.name = name;
        this.model = model;
        this.endpoint = endpoint;
        this.http = new ProviderHttpClient(name, endpoint.withTimeout(model.deadlines().total()), errorMapper);
        this.uri = uri;
        this.headers = Map.copyOf(headers);
        this.wire = wire;
    }

    /** {@code Authorization: Bearer <key>} when the endpoint has a key; no headers otherwise. */
    protected static Map<String, String> bearerHeaders(RemoteEndpoint endpoint) {
        return RemoteProvider.bearerHeaders(endpoint);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String model() {
        return model.wireName();
    }

    /** The model with its deadlines. */
    public ChatModel chatModel() {
        return model;
    }

    @Override
    public ChatCompletion complete(ChatRequest request) {
        byte[] body = wire.body(model.wireName(), request, false);
        return withUsage(http.postJson(uri, headers, body, (bytes, answerHeaders) -> wire.readAnswer(bytes)), request);
    }

    @Override
    public ChatCompletion stream(ChatRequest request, ChatStreamListener listener) {
        var answer = new StreamedAnswer(name, endpoint, listener);
        byte[] body = wire.body(model.wireName(), request, true);
        StreamSummary summary;
        try (ChatWire.EventReader<E> events = wire.eventReader()) {
            StreamListener<E> onEvent = event -> events.read(event, answer);
            summary = wire.stream(http, uri, headers, body, model.deadlines().streamSettings(),
                    listener.relayable() ? StreamListener.relayable(onEvent) : onEvent);
        } catch (StreamedAnswer.ListenerFailed e) {
            throw e.getCause();
        } catch (StreamFailedException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new RequestCancelledException("the request was cancelled during its stream from " + name, e.failure());
            }
            throw broken(e.failure(), answer);
        }
        if (!answer.ended() && summary.ending() != StreamSummary.Ending.DONE_MARKER) {
            throw broken(new ProviderCallException(name, Kind.CONNECTION, 200, null, name + ": the stream from "
                    + endpoint.describe() + " ended before its last event", null), answer);
        }
        return withUsage(answer.completion(), request);
    }

    /** The failure as the pipeline must see it: {@code STREAM_BROKEN} once text has reached the listener. */
    private ProviderCallException broken(ProviderCallException failure, StreamedAnswer answer) {
        int deltas = answer.deltas();
        if (deltas == 0) {
            return failure;
        }
        return new ProviderCallException(name, Kind.STREAM_BROKEN, failure.httpStatus(), null, failure.getMessage()
                + " (after " + deltas + (deltas == 1 ? " part" : " parts") + " of the answer had been passed on)", failure);
    }

    /** The completion with the server's usage, or the estimate where it gave none. */
    private ChatCompletion withUsage(ChatCompletion answer, ChatRequest request) {
        long input = answer.inputTokens();
        if (input <= 0) {
            input = 0;
            for (ChatMessage message : request.messages()) {
                input += countTokens(message.content());
            }
        }
        long output = answer.outputTokens();
        if (output <= 0) {
            output = answer.content().isEmpty() ? 0 : countTokens(answer.content());
        }
        return new ChatCompletion(answer.content(), answer.finishReason() == null ? "stop" : answer.finishReason(),
                input, output);
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public boolean reachable() {
        return Reachability.accepts(uri);
    }

    @Override
    public boolean hasApiKey() {
        return endpoint.key().isPresent();
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return name;
    }
}
