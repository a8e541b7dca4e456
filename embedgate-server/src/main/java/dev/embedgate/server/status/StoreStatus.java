package dev.embedgate.server.status;

/**
 * The operational database in {@code /status}.
 *
 * @param database  where the data lives (never with credentials)
 * @param reachable whether it answered now
 */
public record StoreStatus(String database, boolean reachable) {
}
