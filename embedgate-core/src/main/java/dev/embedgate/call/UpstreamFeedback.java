package dev.embedgate.call;

import java.time.Duration;

/** What a provider's answer says about its budget, fed back to the client-side limiter. */
@FunctionalInterface
public interface UpstreamFeedback {

    /** The provider's budget stays used up for this long: admit no call to it meanwhile. */
    void pauseFor(Duration pause);
}
