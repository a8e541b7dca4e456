package dev.embedgate.testkit.rerank;

import dev.embedgate.testkit.RequestLog;
import dev.embedgate.testkit.fault.CallFault;
import dev.embedgate.testkit.fault.Corruption;
import dev.embedgate.testkit.fault.RateLimitVerdict;
import dev.embedgate.testkit.fault.RouteFaults;
import dev.embedgate.testkit.wire.ApiKeys;
import dev.embedgate.testkit.wire.Pauses;
import dev.embedgate.testkit.wire.WireError;
import dev.embedgate.testkit.wire.WireAnswer;
import dev.embedgate.testkit.wire.WireReply;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.List;

/**
 * Serves one vendor's rerank endpoint as {@link dev.embedgate.testkit.wire.SimulatedEndpoint} serves embeddings:
 * authenticate, read, validate, then let the route's faults decide (delay, error, 429, cold start, reset, hang, or a
 * spoiled answer), and log the call. Scores come from {@link SimulatedRelevance}. Of the corruptions, {@code nan}
 * makes the first document's score NaN, {@code wrong_count} drops the last document's score, {@code malformed}
 * cuts the body off; {@code wrong_dimensions} has no meaning for scores and leaves the answer clean.
 */
public final class RerankEndpoint implements Handler {

    private final RerankDialect dialect;
    private final RouteFaults faults;
    private final ApiKeys keys;
    private final RequestLog requestLog;
    private final Pauses pauses;

    public RerankEndpoint(RerankDialect dialect, RouteFaults faults, ApiKeys keys, RequestLog requestLog,
                          Pauses pauses) {
        this.dialect = dialect;
        this.faults = faults;
        this.keys = keys;
        this.requestLog = requestLog;
        this.pauses = pauses;
    }

    @Override
    public void handle(Context ctx) {
        WireAnswer.answer(ctx, dialect.route(), requestLog, () -> serve(ctx));
    }

    /** The answer, or null to drop the connection unanswered. */
    private WireReply serve(Context ctx) {
        WireReply denied = dialect.authorize(ctx, keys);
        if (denied != null) {
            return denied;
        }
        RerankCall call;
        try {
            call = dialect.parse(ctx, ctx.bodyAsBytes());
            requestLog.recordRerank(dialect.route(), call.documents().size());
            dialect.validate(call);
        } catch (WireError e) {
            return e.reply();
        }
        RouteFaults.Decision decision = faults.next(call.tokens(), call.waitsForModel());
        if (!pauses.pause(decision.delayMillis())) {
            return null;
        }
        return switch (decision.fault()) {
            case CallFault.Proceed proceed -> answer(call, proceed.corruption());
            case CallFault.Fail fail -> fail.status() == 429
                    ? dialect.rateLimited(call, RateLimitVerdict.scripted(fail.retryAfterSeconds()))
                    : dialect.failure(call, fail.status());
            case CallFault.RateLimited limited -> dialect.rateLimited(call, limited.verdict());
            case CallFault.ColdStart coldStart -> dialect.loading(call, coldStart.remainingSeconds());
            case CallFault.Reset reset -> null;
            case CallFault.Hang hang -> {
                pauses.pause(hang.millis());
                yield null;
            }
            case CallFault.BreakStream broken -> {
                // A rerank answer is not streamed: a stall hangs, a drop or an error event resets.
                if (broken.kind() == CallFault.StreamBreak.STALL) {
                    pauses.pause(broken.stallMillis());
                }
                yield null;
            }
        };
    }

    private WireReply answer(RerankCall call, Corruption corruption) {
        List<Double> scores = SimulatedRelevance.scores(call.query(), call.documents(), call.rawScores());
        var scored = new ArrayList<ScoredDocument>(scores.size());
        for (int i = 0; i < scores.size(); i++) {
            scored.add(new ScoredDocument(i, scores.get(i)));
        }
        if (corruption == Corruption.NAN && !scored.isEmpty()) {
            scored.set(0, new ScoredDocument(0, Double.NaN));
        }
        if (corruption == Corruption.WRONG_COUNT && !scored.isEmpty()) {
            scored.removeLast();
        }
        WireReply reply = dialect.answer(call, scored);
        return corruption == Corruption.MALFORMED ? reply.cutOff() : reply;
    }
}
