package dev.embedgate.store.usage;

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

/** The usage ledger in table {@code usage_ledger}: counts added with one upsert per row, in one transaction. */
public final class JdbcUsageLedger implements UsageLedger {

    private static final String UPSERT = "INSERT INTO usage_ledger (day, provider, model, api_key, requests, calls, "
            + "tokens, cost_nano_usd, cache_hits, tokens_saved, saved_nano_usd) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (day, provider, model, api_key) DO UPDATE SET "
            + "requests = usage_ledger.requests + excluded.requests, calls = usage_ledger.calls + excluded.calls, "
            + "tokens = usage_ledger.tokens + excluded.tokens, "
            + "cost_nano_usd = usage_ledger.cost_nano_usd + excluded.cost_nano_usd, "
            + "cache_hits = usage_ledger.cache_hits + excluded.cache_hits, "
            + "tokens_saved = usage_ledger.tokens_saved + excluded.tokens_saved, "
            + "saved_nano_usd = usage_ledger.saved_nano_usd + excluded.saved_nano_usd";

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
            database.batchUpdate(UPSERT, entries, (upsert, entry) -> {
                upsert.setString(1, entry.day().toString());
                upsert.setString(2, entry.provider());
                upsert.setString(3, entry.model());
                upsert.setString(4, entry.apiKey());
                upsert.setLong(5, entry.requests());
                upsert.setLong(6, entry.calls());
                upsert.setLong(7, entry.tokens());
                upsert.setLong(8, entry.costNanoUsd());
                upsert.setLong(9, entry.cacheHits());
                upsert.setLong(10, entry.tokensSaved());
                upsert.setLong(11, entry.savedNanoUsd());
            });
        } catch (SQLException e) {
            throw new IllegalStateException("usage ledger: " + e.getMessage(), e);
        }
    }

    @Override
    public List<UsageEntry> since(LocalDate since) {
        var rows = new ArrayList<UsageEntry>();
        try (Connection connection = database.connection();
             PreparedStatement select = connection.prepareStatement("SELECT day, provider, model, api_key, requests, "
                     + "calls, tokens, cost_nano_usd, cache_hits, tokens_saved, saved_nano_usd FROM usage_ledger "
                     + "WHERE day >= ? ORDER BY day, provider, model, api_key")) {
            select.setString(1, since.toString());
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new UsageEntry(LocalDate.parse(result.getString(1)), result.getString(2),
                            result.getString(3), result.getString(4), result.getLong(5), result.getLong(6),
                            result.getLong(7), result.getLong(8), result.getLong(9), result.getLong(10),
                            result.getLong(11)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("usage ledger: " + e.getMessage(), e);
        }
        return rows;
    }
}
