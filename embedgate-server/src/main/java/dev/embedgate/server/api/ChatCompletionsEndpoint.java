package dev.embedgate.server.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.embedgate.chat.ChatAnswer;
import dev.embedgate.chat.ChatService;
import dev.embedgate.embedding.Caller;
import dev.embedgate.error.EmbedGateException;
import dev.embedgate.error.RequestCancelledException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.time.Instant;

/**
 * {@code POST /v1/chat/completions} in OpenAI's format, whole or streamed ({@code "stream": true}). Headers say which
 * chat model and provider answered; a streamed answer's are sent with its first token, the moment after which the
 * provider is fixed.
 */
final class ChatCompletionsEndpoint implements Handler {

    private final ChatService service;
    private final ChatRequestParser parser = new ChatRequestParser();
    private final ChatAnswerWriter writer;
    private final ApiResponses responses;
    private final ObjectReader reader;
    private final RequestBodyReader bodies;
    private final BodyAdmission admission;

    ChatCompletionsEndpoint(ChatService service, ChatAnswerWriter writer, ApiResponses responses,
                            RequestBodyReader bodies, BodyAdmission admission) {
        this.service = service;
        this.writer = writer;
        this.responses = responses;
        this.reader = writer.json().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.bodies = bodies;
        this.admission = admission;
    }

    @Override
    public void handle(Context ctx) throws Exception {
        admission.serve(ctx, this::serve);
    }

    private void serve(Context ctx) throws IOException {
        byte[] body = bodies.read(ctx);
        admission.settle(ctx, body.length);
        ChatCall call = parser.parse(JsonBody.object(reader, body, "a chat completion request"));
        Caller caller = ApiKeyAuth.caller(ctx);
        String id = ChatAnswerWriter.newId();
        long created = Instant.now().getEpochSecond();
        if (!call.stream()) {
            ChatAnswer answer;
            try (var watch = ClientDisconnectWatch.start(ctx)) {
                answer = service.complete(call.model(), call.request(), caller);
            }
            HttpMeters.model(ctx, answer.model());
            ctx.header("X-EmbedGate-Model", answer.model());
            ctx.header("X-EmbedGate-Provider", answer.provider());
            responses.json(ctx, 200, writer.whole(answer, id, created));
            return;
        }
        var events = new ChatEventStream(ctx, writer, id, created);
        var watch = ClientDisconnectWatch.start(ctx);
        try (watch) {
            ChatAnswer answer = service.stream(call.model(), call.request(), caller, events);
            HttpMeters.model(ctx, answer.model());
            events.finish(answer, call.includeUsage());
        } catch (EmbedGateException e) {
            if (!events.started()) {
                throw e;
            }
            if (!(e instanceof RequestCancelledException)) {
                try {
                    events.fail(responses.errorBody(ApiError.from(e)));
                } catch (IOException clientGone) {
                    // The client went away as the stream broke: there is no one left to tell.
                }
            }
            return;
        } catch (IOException clientGone) {
            // The client went away as the answer ended: it was answered and billed, and there is no one to tell.
            return;
        }
        if (watch.pipelined()) {
            // The next request began during the stream, when the headers could no longer say Connection: close.
            events.endConnection();
        }
    }
}
