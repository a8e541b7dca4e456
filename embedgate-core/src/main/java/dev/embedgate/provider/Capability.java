package dev.embedgate.provider;

import java.util.Locale;

/**
 * What a provider can be asked to do. Every capability goes through the same resilient call path, budgets and
 * usage ledger; a provider kind declares which of them it offers.
 */
public enum Capability {
    /** Texts to vectors of one embedding space. */
    EMBEDDING,
    /** A query and documents to relevance scores. */
    RERANK,
    /** Messages to a completion, streamed token by token or whole. */
    CHAT;

    /** The lower-case name used in configuration, the ledger and metrics, e.g. {@code rerank}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
