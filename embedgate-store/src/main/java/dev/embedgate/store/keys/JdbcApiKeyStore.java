package dev.embedgate.store.keys;

import dev.embedgate.store.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Gateway API keys in table {@code api_keys}. Secrets are 32 random bytes (base64url, prefixed {@code egk_}); only
 * their SHA-256 is stored, so a leaked table leaks no usable key. Thread-safe.
 */
public final class JdbcApiKeyStore {

    private static final String SECRET_PREFIX = "egk_";
    /** Namespaces hold no control characters, so a line break cannot be part of one. */
    private static final String NAMESPACE_SEPARATOR = "\n";
    private static final String COLUMNS = "id, name, scope, created_at, revoked_at, allowed_models, "
            + "requests_per_minute, daily_budget_nano_usd, monthly_budget_nano_usd, namespaces";

    private final Database database;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public JdbcApiKeyStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Creates a key; its secret is in the answer and nowhere else.
     *
     * @param scope         what it may do: call the API, or operate the gateway too
     * @param allowedModels empty for every model
     */
    public NewApiKey create(String name, KeyScope scope, Set<String> allowedModels, Integer requestsPerMinute,
                            Long dailyBudgetNanoUsd, Long monthlyBudgetNanoUsd) {
        return create(name, scope, allowedModels, Set.of(), requestsPerMinute, dailyBudgetNanoUsd, monthlyBudgetNanoUsd);
    }

    /**
     * Creates a key limited to memory namespaces; its secret is in the answer and nowhere else.
     *
     * @param namespaces empty for every namespace
     */
    public NewApiKey create(String name, KeyScope scope, Set<String> allowedModels, Set<String> namespaces,
                            Integer requestsPerMinute, Long dailyBudgetNanoUsd, Long monthlyBudgetNanoUsd) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a key needs a name saying what it is for");
        }
        if (requestsPerMinute != null && requestsPerMinute <= 0) {
            throw new IllegalArgumentException("requests per minute must be positive, was " + requestsPerMinute);
        }
        String secret = SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
        var key = new ApiKey("key_" + HexFormat.of().formatHex(randomBytes(6)), name.strip(), scope,
                Instant.ofEpochMilli(clock.millis()), null, allowedModels, namespaces, requestsPerMinute,
                dailyBudgetNanoUsd,
                monthlyBudgetNanoUsd);
        try (Connection connection = database.connection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO api_keys (" + COLUMNS
                     + ", key_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, key.id());
            insert.setString(2, key.name());
            insert.setString(3, scope.wireName());
            insert.setLong(4, key.createdAt().toEpochMilli());
            insert.setNull(5, Types.BIGINT);
            insert.setString(6, key.allowedModels().isEmpty() ? null
                    : String.join(",", key.allowedModels().stream().sorted().toList()));
            setNullable(insert, 7, requestsPerMinute == null ? null : requestsPerMinute.longValue(), Types.INTEGER);
            setNullable(insert, 8, dailyBudgetNanoUsd, Types.BIGINT);
            setNullable(insert, 9, monthlyBudgetNanoUsd, Types.BIGINT);
            insert.setString(10, namespaces.isEmpty() ? null
                    : String.join(NAMESPACE_SEPARATOR, namespaces.stream().sorted().toList()));
            insert.setString(11, hash(secret));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("api keys: " + e.getMessage(), e);
        }
        return new NewApiKey(key, secret);
    }

    /** The valid (not revoked) key with this secret, if there is one. */
    public Optional<ApiKey> findValid(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            return Optional.empty();
        }
        List<ApiKey> found = select("WHERE key_hash = ? AND revoked_at IS NULL", hash(secret));
        return found.stream().findFirst();
    }

    /** Every key, revoked ones included, oldest first. */
    public List<ApiKey> list() {
        return select("ORDER BY created_at, id", null);
    }

    /** Revokes the key; false if there is no valid key with that id. */
    public boolean revoke(String id) {
        try (Connection connection = database.connection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
            update.setLong(1, clock.millis());
            update.setString(2, id);
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("api keys: " + e.getMessage(), e);
        }
    }

    private List<ApiKey> select(String where, String parameter) {
        var keys = new ArrayList<ApiKey>();
        try (Connection connection = database.connection();
             PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM api_keys " + where)) {
            if (parameter != null) {
                select.setString(1, parameter);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    keys.add(read(rows));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("api keys: " + e.getMessage(), e);
        }
        return keys;
    }

    private static ApiKey read(ResultSet row) throws SQLException {
        long revokedAt = row.getLong(5);
        Instant revoked = row.wasNull() ? null : Instant.ofEpochMilli(revokedAt);
        String models = row.getString(6);
        Set<String> allowed = models == null ? Set.of() : new LinkedHashSet<>(Arrays.asList(models.split(",")));
        int rpm = row.getInt(7);
        Integer requestsPerMinute = row.wasNull() ? null : rpm;
        long daily = row.getLong(8);
        Long dailyBudget = row.wasNull() ? null : daily;
        long monthly = row.getLong(9);
        Long monthlyBudget = row.wasNull() ? null : monthly;
        String namespaces = row.getString(10);
        Set<String> inNamespaces = namespaces == null ? Set.of()
                : new LinkedHashSet<>(Arrays.asList(namespaces.split(NAMESPACE_SEPARATOR)));
        return new ApiKey(row.getString(1), row.getString(2), KeyScope.fromWireName(row.getString(3)),
                Instant.ofEpochMilli(row.getLong(4)), revoked, allowed, inNamespaces, requestsPerMinute, dailyBudget,
                monthlyBudget);
    }

    private static void setNullable(PreparedStatement statement, int index, Long value, int type) throws SQLException {
        if (value == null) {
            statement.setNull(index, type);
        } else {
            statement.setLong(index, value);
        }
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
