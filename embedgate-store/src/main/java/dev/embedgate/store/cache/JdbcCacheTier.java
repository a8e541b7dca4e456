package dev.embedgate.store.cache;

import dev.embedgate.cache.CacheKey;
import dev.embedgate.cache.CacheTier;
import dev.embedgate.cache.CachedEmbedding;
import dev.embedgate.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The persistent tier: table {@code embedding_cache} in the operational database (SQLite or PostgreSQL), which
 * survives restarts. Column {@code expires_at} is when an entry stops being fresh (its write plus the TTL); the row is
 * kept {@code staleFor} longer as a stale entry, then swept now and then by writers. A database that cannot be
 * reached never fails a request: reads answer empty and writes are dropped.
 */
public final class JdbcCacheTier implements CacheTier {

    private static final Logger log = LoggerFactory.getLogger(JdbcCacheTier.class);
    /** Keys per SELECT ... IN (...): well under SQLite's and PostgreSQL's parameter limits. */
    private static final int KEYS_PER_QUERY = 500;
    private static final long SWEEP_EVERY_MILLIS = Duration.ofMinutes(10).toMillis();
    private static final String UPSERT = "INSERT INTO embedding_cache (cache_key, space_id, tokens, truncated, vector, "
            + "expires_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (cache_key) DO UPDATE SET space_id = excluded.space_id, "
            + "tokens = excluded.tokens, truncated = excluded.truncated, vector = excluded.vector, "
            + "expires_at = excluded.expires_at";

    private final Database database;
    private final Duration ttl;
    private final Duration staleFor;
    private final Clock clock;
    private final AtomicLong lastSweepMillis = new AtomicLong();
    private volatile boolean healthy = true;

    /** Entries fresh for {@code ttl}, none kept stale. */
    public JdbcCacheTier(Database database, Duration ttl, Clock clock) {
        this(database, ttl, Duration.ZERO, clock);
    }

    /** @param staleFor how long an entry is kept after {@code ttl} to answer when every provider failed (zero: none) */
    public JdbcCacheTier(Database database, Duration ttl, Duration staleFor, Clock clock) {
        if (staleFor.isNegative()) {
            throw new IllegalArgumentException("staleFor must not be negative, was " + staleFor);
        }
        this.database = database;
        this.ttl = ttl;
        this.staleFor = staleFor;
        this.clock = clock;
        this.lastSweepMillis.set(clock.millis());
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public Map<CacheKey, CachedEmbedding> getAll(Collection<CacheKey> keys) {
        return read(keys, clock.millis(), Long.MAX_VALUE);
    }

    @Override
    public Map<CacheKey, CachedEmbedding> getStale(Collection<CacheKey> keys) {
        if (staleFor.isZero()) {
            return Map.of();
        }
        long now = clock.millis();
        return read(keys, now - staleFor.toMillis(), now);
    }

    @Override
    public Duration staleFor() {
        return staleFor;
    }

    /** The entries among {@code keys} whose {@code expires_at} is after {@code after} and not after {@code until}. */
    private Map<CacheKey, CachedEmbedding> read(Collection<CacheKey> keys, long after, long until) {
        var found = new HashMap<CacheKey, CachedEmbedding>();
        if (keys.isEmpty()) {
            return found;
        }
        List<CacheKey> all = List.copyOf(keys);
        var byHex = all.stream().collect(Collectors.toMap(CacheKey::hex, key -> key, (a, b) -> a));
        try (Connection connection = database.connection()) {
            for (int from = 0; from < all.size(); from += KEYS_PER_QUERY) {
                List<CacheKey> chunk = all.subList(from, Math.min(all.size(), from + KEYS_PER_QUERY));
                String sql = "SELECT cache_key, tokens, truncated, vector FROM embedding_cache WHERE expires_at > ? "
                        + "AND expires_at <= ? AND cache_key IN (" + "?,".repeat(chunk.size() - 1) + "?)";
                try (PreparedStatement select = connection.prepareStatement(sql)) {
                    select.setLong(1, after);
                    select.setLong(2, until);
                    for (int i = 0; i < chunk.size(); i++) {
                        select.setString(i + 3, chunk.get(i).hex());
                    }
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            found.put(byHex.get(rows.getString(1)), new CachedEmbedding(
                                    CachedEmbedding.vectorFromBytes(rows.getBytes(4)), rows.getInt(2), rows.getInt(3) == 1));
                        }
                    }
                }
            }
            succeeded();
        } catch (SQLException e) {
            failed("read", e);
        }
        return found;
    }

    @Override
    public void putAll(Map<CacheKey, CachedEmbedding> entries) {
        if (entries.isEmpty()) {
            return;
        }
        long expiresAt = clock.millis() + ttl.toMillis();
        try {
            database.batchUpdate(UPSERT, entries.entrySet(), (upsert, entry) -> {
                upsert.setString(1, entry.getKey().hex());
                upsert.setString(2, entry.getKey().spaceId());
                upsert.setInt(3, entry.getValue().tokens());
                upsert.setInt(4, entry.getValue().truncated() ? 1 : 0);
                upsert.setBytes(5, entry.getValue().vectorAsBytes());
                upsert.setLong(6, expiresAt);
            });
            succeeded();
            sweepExpiredNowAndThen();
        } catch (SQLException e) {
            failed("write", e);
        }
    }

    private void sweepExpiredNowAndThen() throws SQLException {
        long now = clock.millis();
        long last = lastSweepMillis.get();
        if (now - last < SWEEP_EVERY_MILLIS || !lastSweepMillis.compareAndSet(last, now)) {
            return;
        }
        try (Connection connection = database.connection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM embedding_cache WHERE expires_at <= ?")) {
            delete.setLong(1, now - staleFor.toMillis());
            delete.executeUpdate();
        }
    }

    @Override
    public Map<String, Long> countBySpace() {
        var counts = new TreeMap<String, Long>();
        try (Connection connection = database.connection();
             PreparedStatement count = connection.prepareStatement(
                     "SELECT space_id, COUNT(*) FROM embedding_cache WHERE expires_at > ? GROUP BY space_id")) {
            count.setLong(1, clock.millis() - staleFor.toMillis());
            try (ResultSet rows = count.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getLong(2));
                }
            }
            succeeded();
        } catch (SQLException e) {
            failed("count", e);
        }
        return counts;
    }

    @Override
    public long purge(String spaceId) {
        try (Connection connection = database.connection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM embedding_cache WHERE space_id = ?")) {
            delete.setString(1, spaceId);
            long removed = delete.executeUpdate();
            succeeded();
            return removed;
        } catch (SQLException e) {
            failed("purge", e);
            throw new IllegalStateException("the database cache could not be purged: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean healthy() {
        return healthy;
    }

    @Override
    public boolean probe() {
        return database.reachable();
    }

    private void succeeded() {
        if (!healthy) {
            log.info("database cache answering again");
        }
        healthy = true;
    }

    private void failed(String operation, SQLException e) {
        if (healthy) {
            log.warn("database cache {} failed; answering from other tiers until it is back: {}", operation, e.getMessage());
        }
        healthy = false;
    }
}
