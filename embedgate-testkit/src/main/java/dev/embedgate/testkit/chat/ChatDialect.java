package dev.embedgate.testkit.chat;

import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.wire.ProviderDialect;
import dev.embedgate.testkit.wire.WireReply;

/**
 * One provider's chat wire: how it reads a request and words a whole or streamed answer. Authentication, error
 * answers and rate-limit answers are the route's own, shared with its embedding endpoint ({@link #routeDialect()}).
 * {@link ChatEndpoint} runs the call. Implementations are stateless.
 */
public interface ChatDialect {

    Route route();

    /** The route's embedding dialect, whose authentication, errors and 429s chat shares (called with a null call). */
    ProviderDialect<?> routeDialect();

    /** Reads the body; throws {@link dev.embedgate.testkit.wire.WireError} with the provider's 400 if it cannot. */
    ChatCall parse(byte[] body);

    /** The whole (not streamed) 200 answer. */
    WireReply answer(ChatCall call, SimulatedChat.Answer answer);

    /** The streamed answer's content type. */
    String streamContentType();

    /** The frames of one streamed answer (it may number them or give them an id). */
    ChatFrames frames(ChatCall call, SimulatedChat.Answer answer);
}
