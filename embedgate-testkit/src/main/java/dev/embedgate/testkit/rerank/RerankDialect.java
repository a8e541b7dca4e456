package dev.embedgate.testkit.rerank;

import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.fault.RateLimitVerdict;
import dev.embedgate.testkit.wire.ApiKeys;
import dev.embedgate.testkit.wire.WireError;
import dev.embedgate.testkit.wire.WireReply;
import io.javalin.http.Context;
import java.util.List;

/**
 * One vendor's rerank wire format: how it authenticates, reads and validates a request, answers it, and words each
 * error. {@link RerankEndpoint} runs the call; a dialect only translates. Implementations are stateless.
 */
public interface RerankDialect {

    /** The route whose faults, keys and log the endpoint shares with the vendor's embeddings. */
    Route route();

    /** Null if the caller may proceed, else the vendor's 401 (never echoing the key). */
    WireReply authorize(Context ctx, ApiKeys keys);

    /** Reads the body; throws {@link WireError} with the vendor's answer to an unreadable one. */
    RerankCall parse(Context ctx, byte[] body);

    /** Checks the request against the vendor's limits and models; throws {@link WireError} if it refuses. */
    void validate(RerankCall call);

    /**
     * The 200 answer.
     *
     * @param scored one entry per document in request order, possibly spoiled by a fault (a NaN, one missing); the
     *               dialect sorts and cuts them as the vendor does
     */
    WireReply answer(RerankCall call, List<ScoredDocument> scored);

    /** An error status (not 429) in the vendor's shape; {@code call} may be null. */
    WireReply failure(RerankCall call, int status);

    /** The vendor's 429. */
    WireReply rateLimited(RerankCall call, RateLimitVerdict verdict);

    /** The answer while the model is loading; vendors without a cold start answer a plain 503. */
    default WireReply loading(RerankCall call, double remainingSeconds) {
        return failure(call, 503);
    }
}
