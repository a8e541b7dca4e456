package dev.embedgate.store.usage;

import dev.embedgate.provider.Capability;
import dev.embedgate.store.Database;
import dev.embedgate.usage.UsageEntry;
import dev.embedgate.usage.UsageLedger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The usage ledger in table {@code usage_ledger}, one row per day, capability (its wire name), provider, model and
 * API key: counts added with one upsert per row, in one transaction.
 */
public final class JdbcUsageLedger implements UsageLedger {

    private static final String UPSERT = "INSERT INTO usage_ledger (day, capability, provider, model, api_key, "
            + "requests, calls, input_tokens, output_tokens, cost_nano_usd, cache_hits, tokens_saved, saved_nano_usd) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (day, capability, provider, model, api_key) DO UPDATE SET "
            + "requests = usage_ledger.requests + excluded.requests, calls = usage_ledger.calls + excluded.calls, "
            + "input_tokens = usage_ledger.input_tokens + excluded.input_tokens, "
            + "output_tokens = usage_ledger.output_tokens + excluded.output_tokens, "
            + "cost_nano_usd = usage_ledger.cost_nano_usd + excluded.cost_nano_usd, "
            + "cache_hits = usage_ledger.cache_hits + excluded.cache_hits, "
            + "tokens_saved = usage_ledger.tokens_saved + excluded.tokens_saved, "
            + "saved_nano_usd = usage_ledger.saved_nano_usd + excluded.saved_nano_usd";

    private static final String SELECT = "SELECT day, capability, provider, model, api_key, requests, calls, "
            + "input_tokens, output_tokens, cost_nano_usd, cache_hits, tokens_saved, saved_nano_usd FROM usage_ledger "
            + "WHERE day >= ? ORDER BY day, capability, provider, model, api_key";

    private final Database database;

    public JdbcUsageLedger(Database database) {
        this.database = database;
    }

    @Override
    public void add(Collection<UsageEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try {
            database.batchUpdate(UPSERT, entries, JdbcUsageLedger::bind);
        } catch (SQLException e) {
            throw new IllegalStateException("usage ledger: " + e.getMessage(), e);
        }
    }

    /** As {@link #add}, in a transaction synced to disk ({@link Database#syncedBatchUpdate}). */
    @Override
    public void addDurably(Collection<UsageEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try {
            database.syncedBatchUpdate(UPSERT, entries, JdbcUsageLedger::bind);
        } catch (SQLException e) {
            throw new IllegalStateException("usage ledger: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement upsert, UsageEntry entry) throws SQLException {
        upsert.setString(1, entry.day().toString());
        upsert.setString(2, entry.capability().wireName());
        upsert.setString(3, entry.provider());
        upsert.setString(4, entry.model());
        upsert.setString(5, entry.apiKey());
        upsert.setLong(6, entry.requests());
        upsert.setLong(7, entry.calls());
        upsert.setLong(8, entry.inputTokens());
        upsert.setLong(9, entry.outputTokens());
        upsert.setLong(10, entry.costNanoUsd());
        upsert.setLong(11, entry.cacheHits());
        upsert.setLong(12, entry.tokensSaved());
        upsert.setLong(13, entry.savedNanoUsd());
    }

    @Override
    public List<UsageEntry> since(LocalDate since) {
        var rows = new ArrayList<UsageEntry>();
        try (Connection connection = database.connection();
             PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, since.toString());
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new UsageEntry(LocalDate.parse(result.getString(1)), capability(result.getString(2)),
                            result.getString(3), result.getString(4), result.getString(5), result.getLong(6),
                            result.getLong(7), result.getLong(8), result.getLong(9), result.getLong(10),
                            result.getLong(11), result.getLong(12), result.getLong(13)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("usage ledger: " + e.getMessage(), e);
        }
        return rows;
    }

    private static Capability capability(String wireName) {
        try {
            return Capability.valueOf(wireName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("usage ledger: unknown capability '" + wireName + "' in a row", e);
        }
    }
}
