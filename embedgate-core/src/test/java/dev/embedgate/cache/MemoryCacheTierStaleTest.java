package dev.embedgate.cache;

import java.time.Duration;

/** The in-process tier keeps entries past their TTL as the contract says, ageing on the clock it is given. */
class MemoryCacheTierStaleTest extends CacheTierStaleContract {

    private final MovableClock clock = new MovableClock();

    @Override
    protected CacheTier tier(Duration ttl, Duration staleFor) {
        return new MemoryCacheTier(1_000, 1L << 20, ttl, staleFor, clock);
    }

    @Override
    protected void advance(Duration time) {
        clock.advance(time);
    }
}
