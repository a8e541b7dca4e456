package dev.embedgate.redis;

import dev.embedgate.cache.CacheKey;
import dev.embedgate.cache.CacheTier;
import dev.embedgate.cache.CachedEmbedding;
import dev.embedgate.space.VectorBytes;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared tier (L2) in Redis, for several gateway instances: one key per entry,
 * {@code embedgate:cache:<space digest>:<entry digest>}, holding the token count, the truncation flag and the
 * vector as little-endian float32, with a TTL. A hash maps space digests back to space ids for listing. Redis
 * being down never fails a request: reads answer empty, writes are dropped, and the tier reconnects by itself.
 * <p>
 * With {@code staleFor}, a key lives {@code ttl + staleFor}, and an entry whose remaining time to live is at most
 * {@code staleFor} is stale: its age is read from Redis ({@code PTTL}, sent in the same round trip as the values),
 * so the stored value keeps the format every instance reads.
 */
public final class RedisCacheTier implements CacheTier {

    private static final Logger log = LoggerFactory.getLogger(RedisCacheTier.class);
    private static final String PREFIX = "embedgate:cache:";
    private static final byte[] SPACES = bytes(PREFIX + "spaces");
    private static final int HEADER_BYTES = Integer.BYTES + 1;
    private static final Map<String, String> SPACE_DIGESTS = new ConcurrentHashMap<>();

    private final RedisClient client;
    private final Duration ttl;
    private final Duration staleFor;
    private final Duration timeout;
    private final Set<String> registeredSpaces = ConcurrentHashMap.newKeySet();
    private volatile StatefulRedisConnection<byte[], byte[]> connection;
    private volatile long nextConnectNanos;
    private volatile boolean healthy = true;

    /** Entries fresh for {@code ttl}, none kept stale. */
    public RedisCacheTier(String redisUrl, Duration ttl, Duration timeout) {
        this(redisUrl, ttl, Duration.ZERO, timeout);
    }

    /**
     * @param staleFor how long an entry is kept after {@code ttl} to answer when every provider failed (zero: none)
     * @param timeout  how long one operation may take before the tier answers as if empty; keep it short, since a
     *                 miss costs only a provider call
     */
    public RedisCacheTier(String redisUrl, Duration ttl, Duration staleFor, Duration timeout) {
        if (staleFor.isNegative()) {
            throw new IllegalArgumentException("staleFor must not be negative, was " + staleFor);
        }
        this.staleFor = staleFor;
        this.client = RedisClient.create(redisUrl);
        this.client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
        this.ttl = ttl;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public Map<CacheKey, CachedEmbedding> getAll(Collection<CacheKey> keys) {
        return read(keys, false);
    }

    @Override
    public Map<CacheKey, CachedEmbedding> getStale(Collection<CacheKey> keys) {
        return staleFor.isZero() ? Map.of() : read(keys, true);
    }

    @Override
    public Duration staleFor() {
        return staleFor;
    }

    /**
     * The fresh entries among {@code keys}, or the stale ones. Without stale entries every key present is fresh: one
     * MGET; with them, each key's remaining time to live too, pipelined with it.
     */
    private Map<CacheKey, CachedEmbedding> read(Collection<CacheKey> keys, boolean stale) {
        var found = new HashMap<CacheKey, CachedEmbedding>();
        StatefulRedisConnection<byte[], byte[]> open = connect();
        if (open == null || keys.isEmpty()) {
            return found;
        }
        List<CacheKey> ordered = List.copyOf(keys);
        byte[][] redisKeys = ordered.stream().map(RedisCacheTier::redisKey).toArray(byte[][]::new);
        try {
            var async = open.async();
            RedisFuture<List<KeyValue<byte[], byte[]>>> values = async.mget(redisKeys);
            List<RedisFuture<Long>> timesToLive = staleFor.isZero() ? null
                    : Arrays.stream(redisKeys).map(async::pttl).toList();
            List<KeyValue<byte[], byte[]>> read = values.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            for (int i = 0; i < ordered.size(); i++) {
                KeyValue<byte[], byte[]> value = read.get(i);
                // -2: the key expired between the two reads; -1: a key without expiry (written by no EmbedGate).
                long millisLeft = timesToLive == null ? -1 : timesToLive.get(i).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                boolean present = value.hasValue() && value.getValue().length >= HEADER_BYTES && millisLeft != -2;
                boolean fresh = millisLeft == -1 || millisLeft > staleFor.toMillis();
                if (present && fresh != stale) {
                    found.put(ordered.get(i), decode(value.getValue()));
                }
            }
            healthy = true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            failed("read", e);
        }
        return found;
    }

    @Override
    public void putAll(Map<CacheKey, CachedEmbedding> entries) {
        StatefulRedisConnection<byte[], byte[]> open = connect();
        if (open == null || entries.isEmpty()) {
            return;
        }
        try {
            var async = open.async();
            var writes = new ArrayList<RedisFuture<?>>(entries.size() + 1);
            SetArgs expiry = SetArgs.Builder.px(ttl.plus(staleFor).toMillis());
            for (var entry : entries.entrySet()) {
                String spaceId = entry.getKey().spaceId();
                if (registeredSpaces.add(spaceId)) {
                    writes.add(async.hset(SPACES, bytes(spaceDigest(spaceId)), bytes(spaceId)));
                }
                writes.add(async.set(redisKey(entry.getKey()), encode(entry.getValue()), expiry));
            }
            for (RedisFuture<?> write : writes) {
                write.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            healthy = true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            registeredSpaces.clear();
            failed("write", e);
        }
    }

    @Override
    public Map<String, Long> countBySpace() {
        var counts = new TreeMap<String, Long>();
        RedisCommands<byte[], byte[]> redis = commands();
        if (redis == null) {
            return counts;
        }
        try {
            for (var space : redis.hgetall(SPACES).entrySet()) {
                long[] count = {0};
                scan(redis, new String(space.getKey(), StandardCharsets.UTF_8), batch -> count[0] += batch.size());
                counts.put(new String(space.getValue(), StandardCharsets.UTF_8), count[0]);
            }
        } catch (RuntimeException e) {
            failed("count", e);
        }
        return counts;
    }

    @Override
    public long purge(String spaceId) {
        RedisCommands<byte[], byte[]> redis = commands();
        if (redis == null) {
            throw new IllegalStateException("Redis is unreachable; nothing was purged");
        }
        long[] removed = {0};
        scan(redis, spaceDigest(spaceId), batch -> removed[0] += redis.unlink(batch.toArray(byte[][]::new)));
        redis.hdel(SPACES, bytes(spaceDigest(spaceId)));
        registeredSpaces.remove(spaceId);
        return removed[0];
    }

    private static void scan(RedisCommands<byte[], byte[]> redis, String spaceDigest,
                             Consumer<List<byte[]>> batch) {
        ScanArgs match = ScanArgs.Builder.matches(PREFIX + spaceDigest + ":*").limit(1000);
        var cursor = redis.scan(match);
        while (true) {
            if (!cursor.getKeys().isEmpty()) {
                batch.accept(cursor.getKeys());
            }
            if (cursor.isFinished()) {
                return;
            }
            cursor = redis.scan(ScanCursor.of(cursor.getCursor()), match);
        }
    }

    @Override
    public boolean healthy() {
        return healthy && connection != null && connection.isOpen();
    }

    @Override
    public boolean probe() {
        return ping();
    }

    /** Checks that Redis answers now, reconnecting if needed. */
    public boolean ping() {
        RedisCommands<byte[], byte[]> redis = commands();
        try {
            return redis != null && "PONG".equals(redis.ping());
        } catch (RuntimeException e) {
            failed("ping", e);
            return false;
        }
    }

    private RedisCommands<byte[], byte[]> commands() {
        StatefulRedisConnection<byte[], byte[]> open = connect();
        return open == null ? null : open.sync();
    }

    /** The connection, opening one if there is none or it dropped; after a failed attempt, waits a second. */
    private StatefulRedisConnection<byte[], byte[]> connect() {
        StatefulRedisConnection<byte[], byte[]> open = connection;
        if (open != null && open.isOpen()) {
            return open;
        }
        synchronized (this) {
            if (connection != null && !connection.isOpen()) {
                // Lettuce's own reconnection backs off for up to 30 s; a fresh connection, tried once a second,
                // brings the tier back as soon as Redis is.
                connection.closeAsync();
                connection = null;
            }
            if (connection == null && System.nanoTime() >= nextConnectNanos) {
                try {
                    connection = client.connect(ByteArrayCodec.INSTANCE);
                    healthy = true;
                } catch (RuntimeException e) {
                    nextConnectNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                    failed("connect", e);
                }
            }
            return connection;
        }
    }

    private void failed(String operation, Exception e) {
        if (healthy) {
            log.warn("Redis cache {} failed; answering from other tiers until it is back: {}", operation, e.getMessage());
        }
        healthy = false;
    }

    private static byte[] redisKey(CacheKey key) {
        return bytes(PREFIX + spaceDigest(key.spaceId()) + ":" + key.hex());
    }

    /** Space ids hold characters that Redis patterns treat specially; their digest holds none. */
    private static String spaceDigest(String spaceId) {
        return SPACE_DIGESTS.computeIfAbsent(spaceId, id -> {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes(id)), 0, 8);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        });
    }

    private static byte[] encode(CachedEmbedding entry) {
        byte[] value = new byte[HEADER_BYTES + entry.vectorBytes()];
        ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).putInt(entry.tokens()).put((byte) (entry.truncated() ? 1 : 0));
        VectorBytes.write(entry.vector(), value, HEADER_BYTES);
        return value;
    }

    private static CachedEmbedding decode(byte[] value) {
        ByteBuffer in = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
        int tokens = in.getInt();
        boolean truncated = in.get() == 1;
        int vectorBytes = (value.length - HEADER_BYTES) / Float.BYTES * Float.BYTES;
        return new CachedEmbedding(VectorBytes.fromBytes(value, HEADER_BYTES, vectorBytes), tokens, truncated);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        StatefulRedisConnection<byte[], byte[]> open = connection;
        if (open != null) {
            open.close();
        }
        client.shutdown();
    }
}
