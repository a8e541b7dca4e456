package dev.embedgate.limits;

import dev.embedgate.call.CallClock;
import dev.embedgate.call.Priority;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Bucket4j token buckets, one for requests and one for tokens, each holding one bandwidth per quota of the
 * {@link RateLimit} (any mix of per-second, -minute, -hour and -day allowances), refilled greedily. The buckets live
 * in-process, or in Redis so that several EmbedGate instances share one budget.
 *
 * <p>Each bandwidth refills at the full rate but holds {@value #HEADROOM_PERCENT}% less than a window's budget: the
 * provider's own bucket, which has the same rate, then never runs dry when calls that left here evenly spaced
 * arrive there bunched together (network and scheduling jitter), so steady traffic gets the whole rate and no 429.
 *
 * <p>Background work is capped twice: by buckets of its own holding its share of every quota, and by a reserve of
 * the shared buckets it may not dip into ({@code 1 - share} of their capacity), so that an online burst finds that
 * much room however busy the background is. Background calls wait for room; online calls never wait for them.
 */
public final class BucketRateLimiter implements ProviderRateLimiter {

    static final int HEADROOM_PERCENT = 5;

    /** The buckets of one budget; null buckets are unlimited. */
    private record Buckets(Bucket requests, Bucket tokens, long requestCapacity, long tokenCapacity) {
    }

    /** Makes a bucket with the given bandwidths under a name suffix (the shared store keys by it). */
    @FunctionalInterface
    private interface BucketSource {
        Bucket bucket(String suffix, List<Bandwidth> bandwidths);
    }

    private final Buckets online;
    private final Buckets background;
    private final long requestReserve;
    private final long tokenReserve;
    private final CallClock clock;
    private final BlockingStrategy sleeper;
    private final AtomicLong pausedUntilNanos;
    private final RateLimit limit;
    private final double backgroundShare;

    private BucketRateLimiter(RateLimit limit, boolean headroom, double backgroundShare, BucketSource source,
                              CallClock clock) {
        if (!(backgroundShare > 0 && backgroundShare <= 1)) {
            throw new IllegalArgumentException("the background share must be in (0, 1], got " + backgroundShare);
        }
        this.limit = limit;
        this.backgroundShare = backgroundShare;
        this.clock = clock;
        this.sleeper = nanos -> clock.sleep(Duration.ofNanos(nanos));
        this.pausedUntilNanos = new AtomicLong(clock.nanoTime());
        this.online = buckets(limit.quotas(), headroom, source, "");
        if (backgroundShare < 1) {
            this.background = buckets(limit.quotas().stream().map(quota -> quota.share(backgroundShare)).toList(),
                    headroom, source, ":background");
            this.requestReserve = reserve(online.requestCapacity(), backgroundShare);
            this.tokenReserve = reserve(online.tokenCapacity(), backgroundShare);
        } else {
            this.background = null;
            this.requestReserve = 0;
            this.tokenReserve = 0;
        }
    }

    /** What background work leaves in a bucket of this capacity: the online part, less one unit so it can run. */
    private static long reserve(long capacity, double backgroundShare) {
        if (capacity == Long.MAX_VALUE) {
            return 0;
        }
        return Math.min((long) Math.ceil(capacity * (1 - backgroundShare)), capacity - 1);
    }

    /** Buckets in this process only, on the system clock, with no background share. */
    public static ProviderRateLimiter local(RateLimit limit) {
        return local(limit, 1, CallClock.SYSTEM);
    }

    /**
     * Buckets in this process only.
     *
     * @param backgroundShare the part of every quota background work may use, in (0, 1]
     * @param clock           the time buckets refill by and waits sleep on
     */
    public static ProviderRateLimiter local(RateLimit limit, double backgroundShare, CallClock clock) {
        if (limit.unlimited()) {
            return UNLIMITED;
        }
        TimeMeter time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.nanoTime();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
        BucketSource source = (suffix, bandwidths) -> {
            var builder = Bucket.builder().withCustomTimePrecision(time);
            bandwidths.forEach(builder::addLimit);
            return builder.build();
        };
        return new BucketRateLimiter(limit, true, backgroundShare, source, clock);
    }

    /**
     * In-process buckets holding a whole window's budget, no headroom and no background share: for limits
     * EmbedGate enforces on its own callers, where no upstream bucket needs room for jitter.
     */
    public static ProviderRateLimiter exact(RateLimit limit) {
        if (limit.unlimited()) {
            return UNLIMITED;
        }
        return new BucketRateLimiter(limit, false, 1, (suffix, bandwidths) -> {
            var builder = Bucket.builder();
            bandwidths.forEach(builder::addLimit);
            return builder.build();
        }, CallClock.SYSTEM);
    }

    /**
     * Buckets shared through a store (Redis) under {@code key}: every instance using the key shares the budget,
     * background share included.
     */
    public static ProviderRateLimiter shared(RateLimit limit, double backgroundShare, ProxyManager<byte[]> store,
                                             String key) {
        return limit.unlimited() ? UNLIMITED
                : new BucketRateLimiter(limit, true, backgroundShare, sharedSource(store, key, true), CallClock.SYSTEM);
    }

    /** As {@link #shared}, holding a whole window's budget: for limits on EmbedGate's own callers (see {@link #exact}). */
    public static ProviderRateLimiter sharedExact(RateLimit limit, ProxyManager<byte[]> store, String key) {
        return limit.unlimited() ? UNLIMITED
                : new BucketRateLimiter(limit, false, 1, sharedSource(store, key, false), CallClock.SYSTEM);
    }

    /** The budget is part of the key, so that instances restarted with another limit never inherit the old bucket. */
    private static BucketSource sharedSource(ProxyManager<byte[]> store, String key, boolean headroom) {
        return (suffix, bandwidths) -> {
            String budget = bandwidths.stream().map(b -> b.getRefillTokens() + "/" + b.getRefillPeriodNanos() / 1_000_000_000 + "s")
                    .collect(Collectors.joining(","));
            byte[] id = (key + suffix + ":" + budget + (headroom ? "" : ":exact")).getBytes(StandardCharsets.UTF_8);
            var configuration = BucketConfiguration.builder();
            bandwidths.forEach(configuration::addLimit);
            BucketConfiguration built = configuration.build();
            return store.builder().build(id, () -> built);
        };
    }

    private static Buckets buckets(List<Quota> quotas, boolean headroom, BucketSource source, String suffix) {
        List<Quota> requests = quotas.stream().filter(quota -> quota.unit() == Quota.Unit.REQUESTS).toList();
        List<Quota> tokens = quotas.stream().filter(quota -> quota.unit() == Quota.Unit.TOKENS).toList();
        return new Buckets(bucket(requests, headroom, source, suffix + ":requests"),
                bucket(tokens, headroom, source, suffix + ":tokens"), smallestCapacity(requests, headroom),
                smallestCapacity(tokens, headroom));
    }

    private static Bucket bucket(List<Quota> quotas, boolean headroom, BucketSource source, String suffix) {
        if (quotas.isEmpty()) {
            return null;
        }
        return source.bucket(suffix, quotas.stream().map(quota -> Bandwidth.builder()
                .capacity(headroom ? capacity(quota.amount()) : quota.amount())
                .refillGreedy(quota.amount(), quota.window())
                .build()).toList());
    }

    private static long smallestCapacity(List<Quota> quotas, boolean headroom) {
        return quotas.stream().mapToLong(quota -> headroom ? capacity(quota.amount()) : quota.amount()).min()
                .orElse(Long.MAX_VALUE);
    }

    /** A window's budget less the headroom; budgets too small to spare a call keep it whole. */
    static long capacity(long amount) {
        long headroom = Math.max(1, amount * HEADROOM_PERCENT / 100);
        return amount > headroom ? amount - headroom : amount;
    }

    @Override
    public boolean acquire(Priority priority, int tokenCount, Duration maxWait) throws InterruptedException {
        long deadline = clock.nanoTime() + maxWait.toNanos();
        long pause = pausedUntilNanos.get() - clock.nanoTime();
        if (pause > 0) {
            if (pause > maxWait.toNanos()) {
                return false;
            }
            clock.sleep(Duration.ofNanos(pause));
        }
        if (priority == Priority.BACKGROUND && background != null) {
            if (!consume(background, tokenCount, deadline)) {
                return false;
            }
            if (consumeAboveReserve(tokenCount, deadline)) {
                return true;
            }
            refund(background, tokenCount);
            return false;
        }
        return consume(online, tokenCount, deadline);
    }

    /** Takes a request and the call's tokens, or nothing: a request taken before the tokens ran short is given back. */
    private boolean consume(Buckets buckets, int tokenCount, long deadline) throws InterruptedException {
        if (buckets.requests() != null && !consume(buckets.requests(), 1, deadline)) {
            return false;
        }
        // A call larger than the whole budget could never pass: it waits for a full bucket instead.
        if (buckets.tokens() == null || tokenCount <= 0
                || consume(buckets.tokens(), Math.min(tokenCount, buckets.tokenCapacity()), deadline)) {
            return true;
        }
        if (buckets.requests() != null) {
            buckets.requests().addTokens(1);
        }
        return false;
    }

    /** Gives back what {@link #consume(Buckets, int, long)} took for a call that did not go ahead. */
    private static void refund(Buckets buckets, int tokenCount) {
        if (buckets.requests() != null) {
            buckets.requests().addTokens(1);
        }
        if (buckets.tokens() != null && tokenCount > 0) {
            buckets.tokens().addTokens(Math.min(tokenCount, buckets.tokenCapacity()));
        }
    }

    private boolean consume(Bucket bucket, long amount, long deadlineNanos) throws InterruptedException {
        long wait = deadlineNanos - clock.nanoTime();
        return wait <= 0 ? bucket.tryConsume(amount) : bucket.asBlocking().tryConsume(amount, wait, sleeper);
    }

    /**
     * Takes from the shared buckets only what leaves the online reserve in them, waiting for refills meanwhile.
     * Checking and taking are two steps, so concurrent background callers may dip a call or two into the reserve.
     */
    private boolean consumeAboveReserve(int tokenCount, long deadline) throws InterruptedException {
        long tokens = Math.min(Math.max(tokenCount, 0), online.tokenCapacity() - tokenReserve);
        while (true) {
            long wait = Math.max(waitAboveReserve(online.requests(), 1, requestReserve),
                    tokens <= 0 ? 0 : waitAboveReserve(online.tokens(), tokens, tokenReserve));
            if (wait == 0 && consume(online, (int) tokens, clock.nanoTime())) {
                return true;
            }
            long remaining = deadline - clock.nanoTime();
            if (remaining <= 0 || wait > remaining) {
                return false;
            }
            clock.sleep(Duration.ofNanos(Math.max(wait, 1_000_000)));
        }
    }

    /** Nanoseconds until the bucket holds {@code amount} above {@code reserve}; 0 when it does now. */
    private static long waitAboveReserve(Bucket bucket, long amount, long reserve) {
        if (bucket == null) {
            return 0;
        }
        return bucket.estimateAbilityToConsume(amount + reserve).getNanosToWaitForRefill();
    }

    @Override
    public OptionalLong availableRequests() {
        return online.requests() == null ? OptionalLong.empty() : OptionalLong.of(online.requests().getAvailableTokens());
    }

    @Override
    public boolean countsTokens() {
        return online.tokens() != null;
    }

    @Override
    public void pauseFor(Duration pause) {
        long until = clock.nanoTime() + pause.toNanos();
        pausedUntilNanos.accumulateAndGet(until, Math::max);
    }

    @Override
    public RateLimit limit() {
        return limit;
    }

    @Override
    public double backgroundShare() {
        return backgroundShare;
    }
}
