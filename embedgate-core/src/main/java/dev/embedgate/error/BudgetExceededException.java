package dev.embedgate.error;

import java.time.Duration;
import java.util.Objects;

/** A spend cap (of a provider, a model or an API key) is reached; nothing more is spent until its period ends. */
public final class BudgetExceededException extends EmbedGateException {

    private final Duration untilReset;

    /** @param untilReset how long until the capped period (UTC day or month) ends */
    public BudgetExceededException(String message, Duration untilReset) {
        super(message, null);
        this.untilReset = Objects.requireNonNull(untilReset, "untilReset");
    }

    public Duration untilReset() {
        return untilReset;
    }
}
