package dev.embedgate.testkit.fault;

/** What the faults decided for one call. */
public sealed interface CallFault {

    /** Answer the request, spoiling the answer as said. */
    record Proceed(Corruption corruption) implements CallFault {
        public static final Proceed CLEAN = new Proceed(Corruption.NONE);
    }

    /** Answer with this error status in the provider's error shape (429 goes through the rate-limit answer). */
    record Fail(int status, long retryAfterSeconds) implements CallFault {
    }

    /** Over a rate limit: answer 429 as the provider does. */
    record RateLimited(RateLimitVerdict verdict) implements CallFault {
    }

    /** The model is still loading: answer 503 with the seconds left (Hugging Face's cold start). */
    record ColdStart(double remainingSeconds) implements CallFault {
    }

    /** Close the connection without an answer. */
    record Reset() implements CallFault {
    }

    /** Hold the connection for this long, then close it without an answer. */
    record Hang(long millis) implements CallFault {
    }
}
