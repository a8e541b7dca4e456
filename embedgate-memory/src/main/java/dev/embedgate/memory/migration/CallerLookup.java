package dev.embedgate.memory.migration;

import dev.embedgate.embedding.Caller;

/** The caller a migration's work is billed to and limited as: the gateway key it was started with. */
@FunctionalInterface
public interface CallerLookup {

    /** Without keys: the anonymous caller. */
    CallerLookup ANONYMOUS = keyId -> Caller.ANONYMOUS;

    /** @param keyId the key's id, or {@code ""} */
    Caller caller(String keyId);
}
