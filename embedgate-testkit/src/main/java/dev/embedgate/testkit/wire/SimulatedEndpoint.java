package dev.embedgate.testkit.wire;

import dev.embedgate.testkit.RequestLog;
import dev.embedgate.testkit.fault.CallFault;
import dev.embedgate.testkit.fault.Corruption;
import dev.embedgate.testkit.fault.RateLimitVerdict;
import dev.embedgate.testkit.fault.RouteFaults;
import dev.embedgate.testkit.vectors.InputTooLongException;
import dev.embedgate.testkit.vectors.ServedModel;
import dev.embedgate.testkit.vectors.VectorSource;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one provider endpoint: authenticate, read, validate, then let the route's faults decide (delay, error,
 * 429, cold start, reset, hang, or a possibly spoiled answer), and log what was asked and answered.
 *
 * @param <C> the provider's request
 */
public final class SimulatedEndpoint<C extends EmbedCall> implements Handler {

    private static final Logger log = LoggerFactory.getLogger(SimulatedEndpoint.class);

    private final ProviderDialect<C> dialect;
    private final RouteFaults faults;
    private final VectorSource vectors;
    private final ApiKeys keys;
    private final RequestLog requestLog;
    private final Pauses pauses;

    public SimulatedEndpoint(ProviderDialect<C> dialect, RouteFaults faults, VectorSource vectors, ApiKeys keys,
                             RequestLog requestLog, Pauses pauses) {
        this.dialect = dialect;
        this.faults = faults;
        this.vectors = vectors;
        this.keys = keys;
        this.requestLog = requestLog;
        this.pauses = pauses;
    }

    @Override
    public void handle(Context ctx) {
        WireAnswer.answer(ctx, dialect.route(), requestLog, () -> {
            WireReply reply = serve(ctx);
            return reply == null ? null : dialect.decorate(reply, faults.rateLimits());
        });
    }

    /** The answer, or null to drop the connection unanswered. */
    private WireReply serve(Context ctx) {
        WireReply denied = dialect.authorize(ctx, keys);
        if (denied != null) {
            return denied;
        }
        C call;
        ServedModel model;
        try {
            call = dialect.parse(ctx, ctx.bodyAsBytes());
            requestLog.recordInputs(dialect.route(), call.texts().size(), call.sentAsTokenIds());
            model = dialect.validate(call);
        } catch (WireError e) {
            return e.reply();
        }
        RouteFaults.Decision decision = faults.next(call.tokens(), call.waitsForModel());
        if (!pauses.pause(decision.delayMillis())) {
            return null;
        }
        return switch (decision.fault()) {
            case CallFault.Proceed proceed -> answer(call, model, proceed.corruption());
            case CallFault.Fail fail -> fail.status() == 429
                    ? dialect.rateLimited(call, RateLimitVerdict.scripted(fail.retryAfterSeconds()))
                    : dialect.failure(call, fail.status());
            case CallFault.RateLimited limited -> dialect.rateLimited(call, limited.verdict());
            case CallFault.ColdStart coldStart -> dialect.loading(call, model, coldStart.remainingSeconds());
            case CallFault.Reset reset -> null;
            case CallFault.Hang hang -> {
                pauses.pause(hang.millis());
                yield null;
            }
            case CallFault.BreakStream broken -> {
                // An embedding answer is not streamed: a stall hangs, a drop or an error event resets.
                if (broken.kind() == CallFault.StreamBreak.STALL) {
                    pauses.pause(broken.stallMillis());
                }
                yield null;
            }
        };
    }

    private WireReply answer(C call, ServedModel model, Corruption corruption) {
        List<float[]> embedded;
        try {
            embedded = vectors.embed(model, call.texts(), call.truncate(), call.keepEnd(), call.dimensions());
        } catch (InputTooLongException e) {
            return dialect.inputTooLong(call, model, e);
        } catch (RuntimeException e) {
            log.error("the simulator failed to embed for {} ({})", dialect.route().wireName(), model.id(), e);
            return dialect.failure(call, 500);
        }
        WireReply reply = dialect.answer(call, model, corruption.apply(embedded));
        return corruption == Corruption.MALFORMED ? reply.cutOff() : reply;
    }
}
