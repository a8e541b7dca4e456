package dev.embedgate.call;

/**
 * Who is waiting for a call. Online requests have a caller waiting on them; background work (memory backfill,
 * degraded repair, re-embedding migrations) takes at most a configured share of each provider's limits and waits
 * rather than crowd online traffic out.
 */
public enum Priority {
    ONLINE,
    BACKGROUND
}
