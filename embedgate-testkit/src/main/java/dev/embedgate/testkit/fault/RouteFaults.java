package dev.embedgate.testkit.fault;

import dev.embedgate.testkit.Faults;
import dev.embedgate.testkit.Route;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.Random;

/**
 * One route's faults at run time: the configured {@link Faults}, what is left of its script, its rate-limit buckets,
 * its cold-start clock and its seeded random source. {@link #replace} starts all of these afresh. Thread-safe.
 */
public final class RouteFaults {

    /** The {@code estimated_time} a scripted cold start reports when no {@code coldStartSeconds} is set. */
    public static final double DEFAULT_COLD_START_SECONDS = 20.0;

    /** What to do with one call: wait this long first, then act on the fault. */
    public record Decision(long delayMillis, CallFault fault) {
    }

    private final Route route;
    private final long seed;
    private Faults faults;
    private Queue<String> script;
    private RateLimiter limiter;
    private Random random;
    private long firstCallNanos;

    public RouteFaults(Route route, Faults faults, long seed) {
        this.route = route;
        this.seed = seed;
        replace(faults);
    }

    /** Replaces the faults: the script restarts, the buckets fill, the cold-start clock and the random source reset. */
    public synchronized void replace(Faults newFaults) {
        faults = newFaults;
        script = new ArrayDeque<>(newFaults.script());
        limiter = new RateLimiter(newFaults.requestsPerMinute(), newFaults.tokensPerMinute());
        random = new Random(seed * 31 + route.ordinal());
        firstCallNanos = 0;
    }

    public synchronized Faults faults() {
        return faults;
    }

    /** Script steps not yet played. */
    public synchronized List<String> remainingScript() {
        return List.copyOf(script);
    }

    public RateLimitSnapshot rateLimits() {
        RateLimiter current;
        synchronized (this) {
            current = limiter;
        }
        return current.snapshot();
    }

    /**
     * Decides one call: its next script step if any is left, else the cold start (Hugging Face only), the rate
     * limits, then the random faults in order (reset, hang, error, malformed, NaN, wrong dimensions, wrong count).
     *
     * @param tokens        the call's tokens, for the tokens-per-minute bucket
     * @param waitsForModel the caller asked to wait for a loading model instead of getting a 503
     */
    public synchronized Decision next(long tokens, boolean waitsForModel) {
        long delay = faults.latencyMillis()
                + (faults.latencyJitterMillis() > 0 ? (long) (random.nextDouble() * faults.latencyJitterMillis()) : 0);
        long now = System.nanoTime();
        if (firstCallNanos == 0) {
            firstCallNanos = now;
        }
        String step = script.poll();
        if (step != null) {
            return scripted(ScriptedFault.parse(step), delay, waitsForModel);
        }
        if (route == Route.HUGGINGFACE && faults.coldStartSeconds() > 0) {
            double remaining = faults.coldStartSeconds() - (now - firstCallNanos) / 1e9;
            if (remaining > 0) {
                if (!waitsForModel) {
                    return new Decision(delay, new CallFault.ColdStart(remaining));
                }
                delay += (long) Math.ceil(remaining * 1000);
            }
        }
        RateLimitVerdict verdict = limiter.admit(tokens);
        if (verdict != null) {
            return new Decision(delay, new CallFault.RateLimited(verdict));
        }
        return new Decision(delay, roll());
    }

    private Decision scripted(ScriptedFault step, long delay, boolean waitsForModel) {
        CallFault fault = switch (step.kind()) {
            case OK -> CallFault.Proceed.CLEAN;
            case STATUS -> new CallFault.Fail(step.status(), step.retryAfterSeconds());
            case RESET -> new CallFault.Reset();
            case HANG -> new CallFault.Hang(faults.hangMillis());
            case MALFORMED -> new CallFault.Proceed(Corruption.MALFORMED);
            case NAN -> new CallFault.Proceed(Corruption.NAN);
            case WRONG_DIMENSIONS -> new CallFault.Proceed(Corruption.WRONG_DIMENSIONS);
            case WRONG_COUNT -> new CallFault.Proceed(Corruption.WRONG_COUNT);
            case DROP -> new CallFault.BreakStream(CallFault.StreamBreak.DROP, step.afterChunks(), 0);
            case STALL -> new CallFault.BreakStream(CallFault.StreamBreak.STALL, step.afterChunks(), faults.hangMillis());
            case STREAM_ERROR -> new CallFault.BreakStream(CallFault.StreamBreak.ERROR_EVENT, step.afterChunks(), 0);
            case COLD_START -> waitsForModel ? CallFault.Proceed.CLEAN : new CallFault.ColdStart(
                    faults.coldStartSeconds() > 0 ? faults.coldStartSeconds() : DEFAULT_COLD_START_SECONDS);
        };
        if (step.kind() == ScriptedFault.Kind.COLD_START && waitsForModel) {
            delay += (long) Math.ceil(faults.coldStartSeconds() * 1000);
        }
        return new Decision(delay, fault);
    }

    private CallFault roll() {
        if (hits(faults.resetRate())) {
            return new CallFault.Reset();
        }
        if (hits(faults.hangRate())) {
            return new CallFault.Hang(faults.hangMillis());
        }
        if (hits(faults.errorRate())) {
            List<Integer> statuses = faults.errorStatuses();
            return new CallFault.Fail(statuses.get(random.nextInt(statuses.size())), 1);
        }
        if (hits(faults.malformedRate())) {
            return new CallFault.Proceed(Corruption.MALFORMED);
        }
        if (hits(faults.nanRate())) {
            return new CallFault.Proceed(Corruption.NAN);
        }
        if (hits(faults.wrongDimensionsRate())) {
            return new CallFault.Proceed(Corruption.WRONG_DIMENSIONS);
        }
        if (hits(faults.wrongCountRate())) {
            return new CallFault.Proceed(Corruption.WRONG_COUNT);
        }
        return CallFault.Proceed.CLEAN;
    }

    private boolean hits(double rate) {
        return rate > 0 && random.nextDouble() < rate;
    }
}
