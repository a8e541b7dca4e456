package dev.embedgate.testkit;

import dev.embedgate.testkit.fault.ScriptedFault;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The faults one route injects. Every field is optional: zero (or an empty list) switches it off. Rates are shares
 * of calls in [0, 1], drawn from a {@link java.util.Random} seeded from {@link SimulatorConfig#seed()} so that a run
 * repeats. Maps to and from JSON and YAML with these field names.
 *
 * @param requestsPerMinute   requests admitted per minute (a token bucket refilled continuously); over it, 429
 * @param tokensPerMinute     tokens admitted per minute, counted with the simulator's own counter
 *                            ({@link dev.embedgate.testkit.vectors.SimpleTokenCounter}); over it, 429
 * @param errorRate           share of calls answered with one of {@code errorStatuses}
 * @param errorStatuses       the statuses {@code errorRate} picks from (default 500, 502, 503)
 * @param latencyMillis       fixed delay added before every answer
 * @param latencyJitterMillis uniform random extra delay in [0, latencyJitterMillis)
 * @param hangRate            share of calls that hang for {@code hangMillis}, then lose their connection unanswered
 * @param hangMillis          how long a hang lasts (default 60000, past any sane client timeout)
 * @param resetRate           share of calls whose TCP connection is closed without an answer
 * @param malformedRate       share of calls answered 200 with a body that is not valid JSON (a cut-off answer)
 * @param wrongDimensionsRate share of calls answered with vectors of half the model's dimensions
 * @param nanRate             share of calls answered with a NaN in the first vector
 * @param wrongCountRate      share of calls answered with one vector fewer than inputs
 * @param coldStartSeconds    Hugging Face only: for this long after the route's first call, answer 503
 *                            "model is currently loading" unless the request waits for the model
 * @param script              one-shot faults consumed one per call, in order, before any rate applies:
 *                            {@code status:<code>}, {@code status:429:<retryAfterSeconds>}, {@code reset},
 *                            {@code hang}, {@code malformed}, {@code nan}, {@code wrong_dimensions},
 *                            {@code wrong_count}, {@code cold_start}, {@code ok}; for streamed chat answers
 *                            {@code drop:<chunks>} (the connection drops after that many text chunks),
 *                            {@code stall:<chunks>} (nothing more is sent for {@code hangMillis}, the connection
 *                            open) and {@code stream_error:<chunks>} (the vendor's in-stream error event)
 * @param tokenIntervalMillis chat streams only: the pause before each text chunk after the first (one chunk is one
 *                            token, a word and its space), so a stream of N chunks takes about (N-1) × this; not a
 *                            fault but the model's pace, kept here so config files and the admin endpoint set it
 */
public record Faults(int requestsPerMinute, long tokensPerMinute, double errorRate, List<Integer> errorStatuses,
                     long latencyMillis, long latencyJitterMillis, double hangRate, long hangMillis, double resetRate,
                     double malformedRate, double wrongDimensionsRate, double nanRate, double wrongCountRate,
                     double coldStartSeconds, List<String> script, long tokenIntervalMillis) {

    public static final List<Integer> DEFAULT_ERROR_STATUSES = List.of(500, 502, 503);
    public static final long DEFAULT_HANG_MILLIS = 60_000;

    /** No faults at all. */
    public static final Faults NONE = builder().build();

    public Faults {
        requireNonNegative(requestsPerMinute, "requestsPerMinute");
        requireNonNegative(tokensPerMinute, "tokensPerMinute");
        requireNonNegative(latencyMillis, "latencyMillis");
        requireNonNegative(latencyJitterMillis, "latencyJitterMillis");
        requireNonNegative(hangMillis, "hangMillis");
        requireNonNegative(coldStartSeconds, "coldStartSeconds");
        requireNonNegative(tokenIntervalMillis, "tokenIntervalMillis");
        requireShare(errorRate, "errorRate");
        requireShare(hangRate, "hangRate");
        requireShare(resetRate, "resetRate");
        requireShare(malformedRate, "malformedRate");
        requireShare(wrongDimensionsRate, "wrongDimensionsRate");
        requireShare(nanRate, "nanRate");
        requireShare(wrongCountRate, "wrongCountRate");
        errorStatuses = errorStatuses == null || errorStatuses.isEmpty() ? DEFAULT_ERROR_STATUSES : List.copyOf(errorStatuses);
        for (int status : errorStatuses) {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("errorStatuses must be HTTP error statuses (400-599), got " + status);
            }
        }
        hangMillis = hangMillis == 0 ? DEFAULT_HANG_MILLIS : hangMillis;
        script = script == null ? List.of() : List.copyOf(script);
        script.forEach(ScriptedFault::parse);
    }

    /** Faults that only play this script (see {@link #script()}). */
    public static Faults scripted(String... steps) {
        return builder().script(steps).build();
    }

    /** No faults, chat streams paced at this interval between chunks. */
    public static Faults paced(long tokenIntervalMillis) {
        return builder().tokenIntervalMillis(tokenIntervalMillis).build();
    }

    /** Whether any rate limit is set. */
    public boolean rateLimited() {
        return requestsPerMinute > 0 || tokensPerMinute > 0;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy to change; unchanged fields keep their values. */
    public Builder toBuilder() {
        return new Builder().requestsPerMinute(requestsPerMinute).tokensPerMinute(tokensPerMinute).errorRate(errorRate)
                .errorStatuses(errorStatuses).latencyMillis(latencyMillis).latencyJitterMillis(latencyJitterMillis)
                .hangRate(hangRate).hangMillis(hangMillis).resetRate(resetRate).malformedRate(malformedRate)
                .wrongDimensionsRate(wrongDimensionsRate).nanRate(nanRate).wrongCountRate(wrongCountRate)
                .coldStartSeconds(coldStartSeconds).script(script).tokenIntervalMillis(tokenIntervalMillis);
    }

    private static void requireNonNegative(double value, String name) {
        if (value < 0 || Double.isNaN(value)) {
            throw new IllegalArgumentException(name + " must be zero or more, got " + value);
        }
    }

    private static void requireShare(double value, String name) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " is a share of calls and must be between 0 and 1, got " + value);
        }
    }

    /** Builds {@link Faults} without a fifteen-argument constructor call. */
    public static final class Builder {
        private int requestsPerMinute;
        private long tokensPerMinute;
        private double errorRate;
        private List<Integer> errorStatuses = DEFAULT_ERROR_STATUSES;
        private long latencyMillis;
        private long latencyJitterMillis;
        private double hangRate;
        private long hangMillis = DEFAULT_HANG_MILLIS;
        private double resetRate;
        private double malformedRate;
        private double wrongDimensionsRate;
        private double nanRate;
        private double wrongCountRate;
        private double coldStartSeconds;
        private final List<String> script = new ArrayList<>();
        private long tokenIntervalMillis;

        private Builder() {
        }

        public Builder requestsPerMinute(int value) { requestsPerMinute = value; return this; }
        public Builder tokensPerMinute(long value) { tokensPerMinute = value; return this; }
        public Builder errorRate(double value) { errorRate = value; return this; }
        public Builder errorStatuses(List<Integer> value) { errorStatuses = value; return this; }
        public Builder errorStatuses(Integer... value) { return errorStatuses(Arrays.asList(value)); }
        public Builder latencyMillis(long value) { latencyMillis = value; return this; }
        public Builder latencyJitterMillis(long value) { latencyJitterMillis = value; return this; }
        public Builder hangRate(double value) { hangRate = value; return this; }
        public Builder hangMillis(long value) { hangMillis = value; return this; }
        public Builder resetRate(double value) { resetRate = value; return this; }
        public Builder malformedRate(double value) { malformedRate = value; return this; }
        public Builder wrongDimensionsRate(double value) { wrongDimensionsRate = value; return this; }
        public Builder nanRate(double value) { nanRate = value; return this; }
        public Builder wrongCountRate(double value) { wrongCountRate = value; return this; }
        public Builder coldStartSeconds(double value) { coldStartSeconds = value; return this; }
        public Builder script(List<String> steps) { script.clear(); script.addAll(steps); return this; }
        public Builder script(String... steps) { return script(Arrays.asList(steps)); }
        public Builder tokenIntervalMillis(long value) { tokenIntervalMillis = value; return this; }

        public Faults build() {
            return new Faults(requestsPerMinute, tokensPerMinute, errorRate, errorStatuses, latencyMillis,
                    latencyJitterMillis, hangRate, hangMillis, resetRate, malformedRate, wrongDimensionsRate, nanRate,
                    wrongCountRate, coldStartSeconds, script, tokenIntervalMillis);
        }
    }
}
