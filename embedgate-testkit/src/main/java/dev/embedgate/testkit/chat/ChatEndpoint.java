package dev.embedgate.testkit.chat;

import dev.embedgate.testkit.RequestLog;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.fault.CallFault;
import dev.embedgate.testkit.fault.Corruption;
import dev.embedgate.testkit.fault.RateLimitVerdict;
import dev.embedgate.testkit.fault.RouteFaults;
import dev.embedgate.testkit.wire.ApiKeys;
import dev.embedgate.testkit.wire.ConnectionAbort;
import dev.embedgate.testkit.wire.Pauses;
import dev.embedgate.testkit.wire.ProviderDialect;
import dev.embedgate.testkit.wire.WireError;
import dev.embedgate.testkit.wire.WireReply;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/**
 * Serves one provider's chat endpoint: authenticate, read, let the route's faults decide, then answer whole or
 * stream the answer chunk by chunk at the route's {@code tokenIntervalMillis}: the {@link TokenPacer} writes an
 * unbroken stream's chunks after the first, the request's virtual thread a stream the faults break. A stream whose
 * write fails because the client closed the connection is logged as cancelled.
 */
public final class ChatEndpoint implements Handler {

    private final ChatDialect dialect;
    private final ProviderDialect<?> routeDialect;
    private final RouteFaults faults;
    private final ApiKeys keys;
    private final RequestLog requestLog;
    private final Pauses pauses;
    private final TokenPacer pacer;

    public ChatEndpoint(ChatDialect dialect, RouteFaults faults, ApiKeys keys, RequestLog requestLog, Pauses pauses,
                        TokenPacer pacer) {
        this.dialect = dialect;
        this.routeDialect = dialect.routeDialect();
        this.faults = faults;
        this.keys = keys;
        this.requestLog = requestLog;
        this.pauses = pauses;
        this.pacer = pacer;
    }

    @Override
    public void handle(Context ctx) {
        Route route = dialect.route();
        requestLog.recordCall(route);
        requestLog.recordChatCall(route);
        WireReply denied = routeDialect.authorize(ctx, keys);
        if (denied != null) {
            reply(ctx, denied);
            return;
        }
        ChatCall call;
        try {
            call = dialect.parse(ctx.bodyAsBytes());
        } catch (WireError e) {
            reply(ctx, e.reply());
            return;
        }
        SimulatedChat.Answer answer = call.answer();
        RouteFaults.Decision decision = faults.next(answer.promptTokens(), false);
        if (!pauses.pause(decision.delayMillis())) {
            drop(ctx);
            return;
        }
        switch (decision.fault()) {
            case CallFault.Proceed proceed -> {
                if (call.stream()) {
                    stream(ctx, call, answer, null);
                } else {
                    WireReply whole = dialect.answer(call, answer);
                    reply(ctx, proceed.corruption() == Corruption.MALFORMED ? whole.cutOff() : whole);
                }
            }
            case CallFault.Fail fail -> reply(ctx, fail.status() == 429
                    ? routeDialect.rateLimited(null, RateLimitVerdict.scripted(fail.retryAfterSeconds()))
                    : routeDialect.failure(null, fail.status()));
            case CallFault.RateLimited limited -> reply(ctx, routeDialect.rateLimited(null, limited.verdict()));
            case CallFault.ColdStart coldStart -> reply(ctx, routeDialect.failure(null, 503));
            case CallFault.Reset reset -> drop(ctx);
            case CallFault.Hang hang -> {
                pauses.pause(hang.millis());
                drop(ctx);
            }
            case CallFault.BreakStream broken -> {
                if (call.stream()) {
                    stream(ctx, call, answer, broken);
                } else {
                    if (broken.kind() == CallFault.StreamBreak.STALL) {
                        pauses.pause(broken.stallMillis());
                    }
                    drop(ctx);
                }
            }
        }
    }

    private void reply(Context ctx, WireReply reply) {
        WireReply decorated = routeDialect.decorate(reply, faults.rateLimits());
        requestLog.recordStatus(dialect.route(), decorated.status());
        ctx.status(decorated.status()).contentType(decorated.contentType());
        decorated.headers().forEach(ctx::header);
        ctx.result(decorated.body());
    }

    private void drop(Context ctx) {
        requestLog.recordStatus(dialect.route(), RequestLog.NO_RESPONSE);
        ConnectionAbort.abort(ctx);
    }

    /** Streams the answer, breaking it as the fault says (null: not at all). */
    private void stream(Context ctx, ChatCall call, SimulatedChat.Answer answer, CallFault.BreakStream broken) {
        Route route = dialect.route();
        ChatFrames frames = dialect.frames(call, answer);
        long interval = faults.faults().tokenIntervalMillis();
        HttpServletResponse response = ctx.res();
        response.setStatus(200);
        response.setContentType(dialect.streamContentType());
        response.setHeader("Cache-Control", "no-cache");
        // The headers the route puts on every answer (OpenAI's x-ratelimit-*), taken from an empty one.
        routeDialect.decorate(WireReply.json(200, ""), faults.rateLimits()).headers().forEach(response::setHeader);
        requestLog.recordStatus(route, 200);
        requestLog.recordStream(route);
        try {
            OutputStream out = response.getOutputStream();
            send(out, frames.opening());
            if (broken == null) {
                paced(ctx, out, frames, answer, interval);
                return;
            }
            int sent = 0;
            for (String chunk : answer.chunks()) {
                if (sent == broken.afterChunks()) {
                    breakStream(ctx, out, frames, broken);
                    return;
                }
                if (sent > 0 && !pauses.pause(interval)) {
                    ConnectionAbort.abort(ctx);
                    return;
                }
                send(out, frames.delta(chunk));
                sent++;
            }
            breakStream(ctx, out, frames, broken);
        } catch (IOException e) {
            requestLog.recordCancelledStream(route);
        }
    }

    /** The first chunk at once, the others from the pacer, then the closing frames. */
    private void paced(Context ctx, OutputStream out, ChatFrames frames, SimulatedChat.Answer answer,
                       long intervalMillis) throws IOException {
        List<String> chunks = answer.chunks();
        if (!chunks.isEmpty()) {
            send(out, frames.delta(chunks.getFirst()));
            var rest = new ArrayList<byte[]>(chunks.size() - 1);
            for (String chunk : chunks.subList(1, chunks.size())) {
                rest.add(frames.delta(chunk));
            }
            var response = ServletContextRequest.getServletContextRequest(ctx.req()).getServletContextResponse();
            TokenPacer.Outcome outcome;
            try {
                outcome = pacer.pace(response, rest, TimeUnit.MILLISECONDS.toNanos(intervalMillis)).get();
            } catch (ExecutionException e) {
                throw new IOException("a paced write failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcome = TokenPacer.Outcome.CLOSED;
            }
            if (outcome == TokenPacer.Outcome.CLOSED) {
                ConnectionAbort.abort(ctx);
                return;
            }
        }
        send(out, frames.closing());
    }

    private void breakStream(Context ctx, OutputStream out, ChatFrames frames, CallFault.BreakStream broken)
            throws IOException {
        switch (broken.kind()) {
            case DROP -> ConnectionAbort.abort(ctx);
            case STALL -> {
                pauses.pause(broken.stallMillis());
                ConnectionAbort.abort(ctx);
            }
            case ERROR_EVENT -> {
                byte[] event = frames.errorEvent();
                if (event == null) {
                    ConnectionAbort.abort(ctx);
                } else {
                    send(out, event);
                }
            }
        }
    }

    private static void send(OutputStream out, byte[] bytes) throws IOException {
        if (bytes.length > 0) {
            out.write(bytes);
            out.flush();
        }
    }
}
