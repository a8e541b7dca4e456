package dev.embedgate.testkit.wire;

import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.fault.RateLimitSnapshot;
import dev.embedgate.testkit.fault.RateLimitVerdict;
import dev.embedgate.testkit.vectors.InputTooLongException;
import dev.embedgate.testkit.vectors.ServedModel;
import io.javalin.http.Context;
import java.util.List;

/**
 * One provider's wire format: how it authenticates, reads and validates a request, answers it, and words each
 * error. {@link SimulatedEndpoint} runs the call; a dialect only translates. Implementations are stateless.
 *
 * @param <C> the provider's request
 */
public interface ProviderDialect<C extends EmbedCall> {

    Route route();

    /** Null if the caller may proceed, else the provider's 401 (never echoing the key whole). */
    WireReply authorize(Context ctx, ApiKeys keys);

    /** Reads the body; throws {@link WireError} with the provider's answer to an unreadable one. */
    C parse(Context ctx, byte[] body);

    /** Checks the request against the provider's limits and catalogue; throws {@link WireError} if it refuses. */
    ServedModel validate(C call);

    /** The 200 answer. {@code vectors} may already be spoiled by a fault (NaN, wrong count or dimensions). */
    WireReply answer(C call, ServedModel model, List<float[]> vectors);

    /** An error status (not 429) in the provider's shape; {@code call} may be null. */
    WireReply failure(C call, int status);

    /** The provider's 429. */
    WireReply rateLimited(C call, RateLimitVerdict verdict);

    /** The provider's refusal of an input longer than the model reads. */
    WireReply inputTooLong(C call, ServedModel model, InputTooLongException e);

    /** The answer while the model is loading; providers without a cold start answer a plain 503. */
    default WireReply loading(C call, ServedModel model, double remainingSeconds) {
        return failure(call, 503);
    }

    /** Adds headers every answer carries (OpenAI's rate-limit headers). */
    default WireReply decorate(WireReply reply, RateLimitSnapshot limits) {
        return reply;
    }
}
