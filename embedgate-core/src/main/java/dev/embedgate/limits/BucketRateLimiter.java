package dev.embedgate.limits;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bucket4j token buckets, one for requests and one for tokens, refilled greedily over a minute. The buckets live
 * in-process, or in Redis so that several EmbedGate instances share one budget.
 *
 * <p>Each bucket refills at the full rate but holds {@value #HEADROOM_PERCENT}% less than a minute's budget: the
 * provider's own bucket, which has the same rate, then never runs dry when calls that left here evenly spaced
 * arrive there bunched together (network and scheduling jitter), so steady traffic gets the whole rate and no 429.
 */
public final class BucketRateLimiter implements ProviderRateLimiter {

    static final int HEADROOM_PERCENT = 5;

    private final Bucket requests;
    private final Bucket tokens;
    private final long tokenCapacity;
    private final AtomicLong pausedUntilNanos = new AtomicLong(System.nanoTime());

    private BucketRateLimiter(Bucket requests, Bucket tokens, long tokenCapacity) {
        this.requests = requests;
        this.tokens = tokens;
        this.tokenCapacity = tokenCapacity;
    }

    /** Buckets in this process only. */
    public static ProviderRateLimiter local(RateLimit limit) {
        return inProcess(limit, true);
    }

    /**
     * In-process buckets holding a whole minute's budget, no headroom: for limits EmbedGate enforces on its own
     * callers, where no upstream bucket needs room for jitter.
     */
    public static ProviderRateLimiter exact(RateLimit limit) {
        return inProcess(limit, false);
    }

    private static ProviderRateLimiter inProcess(RateLimit limit, boolean headroom) {
        if (limit.unlimited()) {
            return UNLIMITED;
        }
        return new BucketRateLimiter(localBucket(limit.requestsPerMinute(), headroom),
                localBucket(limit.tokensPerMinute(), headroom), tokenCapacity(limit, headroom));
    }

    private static Bucket localBucket(Integer perMinute, boolean headroom) {
        return perMinute == null ? null : Bucket.builder().addLimit(perMinute(perMinute, headroom)).build();
    }

    /** Buckets shared through a store (Redis) under {@code key}: every instance using the key shares the budget. */
    public static ProviderRateLimiter shared(RateLimit limit, ProxyManager<byte[]> store, String key) {
        return sharedBuckets(limit, store, key, true);
    }

    /** As {@link #shared}, holding a whole minute's budget: for limits on EmbedGate's own callers (see {@link #exact}). */
    public static ProviderRateLimiter sharedExact(RateLimit limit, ProxyManager<byte[]> store, String key) {
        return sharedBuckets(limit, store, key, false);
    }

    private static ProviderRateLimiter sharedBuckets(RateLimit limit, ProxyManager<byte[]> store, String key,
                                                     boolean headroom) {
        if (limit.unlimited()) {
            return UNLIMITED;
        }
        return new BucketRateLimiter(sharedBucket(store, key + ":requests", limit.requestsPerMinute(), headroom),
                sharedBucket(store, key + ":tokens", limit.tokensPerMinute(), headroom), tokenCapacity(limit, headroom));
    }

    /** The budget is part of the key, so that instances restarted with another limit never inherit the old bucket. */
    private static Bucket sharedBucket(ProxyManager<byte[]> store, String key, Integer perMinute, boolean headroom) {
        if (perMinute == null) {
            return null;
        }
        byte[] id = (key + ":" + perMinute + "/min" + (headroom ? "" : ":exact")).getBytes(StandardCharsets.UTF_8);
        return store.builder().build(id,
                () -> BucketConfiguration.builder().addLimit(perMinute(perMinute, headroom)).build());
    }

    /** A minute's budget refilled greedily; holding it less the headroom, or whole. */
    private static Bandwidth perMinute(int amount, boolean headroom) {
        long capacity = headroom ? capacity(amount) : amount;
        return Bandwidth.builder().capacity(capacity).refillGreedy(amount, Duration.ofMinutes(1)).build();
    }

    private static long tokenCapacity(RateLimit limit, boolean headroom) {
        Integer perMinute = limit.tokensPerMinute();
        return perMinute == null ? Long.MAX_VALUE : headroom ? capacity(perMinute) : perMinute;
    }

    /** A minute's budget less the headroom; budgets too small to spare a call keep it whole. */
    static long capacity(int perMinute) {
        long headroom = Math.max(1, (long) perMinute * HEADROOM_PERCENT / 100);
        return perMinute > headroom ? perMinute - headroom : perMinute;
    }

    @Override
    public boolean acquire(int tokenCount, Duration maxWait) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        long pause = pausedUntilNanos.get() - System.nanoTime();
        if (pause > 0) {
            if (pause > maxWait.toNanos()) {
                return false;
            }
            Thread.sleep(Duration.ofNanos(pause));
        }
        if (requests != null && !consume(requests, 1, deadline)) {
            return false;
        }
        // A call larger than the whole minute's budget could never pass: it waits for a full bucket instead.
        return tokens == null || tokenCount <= 0 || consume(tokens, Math.min(tokenCount, tokenCapacity), deadline);
    }

    private static boolean consume(Bucket bucket, long amount, long deadlineNanos) throws InterruptedException {
        long wait = deadlineNanos - System.nanoTime();
        return wait <= 0 ? bucket.tryConsume(amount) : bucket.asBlocking().tryConsume(amount, Duration.ofNanos(wait));
    }

    @Override
    public OptionalLong availableRequests() {
        return requests == null ? OptionalLong.empty() : OptionalLong.of(requests.getAvailableTokens());
    }

    @Override
    public boolean countsTokens() {
        return tokens != null;
    }

    @Override
    public void pauseFor(Duration pause) {
        long until = System.nanoTime() + pause.toNanos();
        pausedUntilNanos.accumulateAndGet(until, Math::max);
    }
}
