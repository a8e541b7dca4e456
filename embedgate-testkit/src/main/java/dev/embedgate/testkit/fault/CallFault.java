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

    /**
     * Break a streamed chat answer after this many text chunks (a whole answer, or an embedding call, gets the
     * nearest whole-call fault: a drop or an error event resets the connection, a stall hangs).
     */
    record BreakStream(StreamBreak kind, int afterChunks, long stallMillis) implements CallFault {
    }

    /** How a stream breaks. */
    enum StreamBreak {
        /** The connection drops. */
        DROP,
        /** Nothing more is sent; the connection stays open for the stall. */
        STALL,
        /** The vendor's in-stream error event, then the end of the body. */
        ERROR_EVENT
    }
}
