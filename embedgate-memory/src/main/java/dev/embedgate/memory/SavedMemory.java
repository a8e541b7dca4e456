package dev.embedgate.memory;

/**
 * A memory as saving left it.
 *
 * @param memory the memory as stored
 * @param state  whether it can be recalled by meaning yet
 * @param space  the space of its vector: the namespace's active space, or the fallback's when {@code degraded}
 */
public record SavedMemory(Memory memory, State state, String space) {

    public enum State {
        /** Its vector in the namespace's active space is stored. */
        EMBEDDED,
        /** Stored; the background worker embeds it when a provider of the active space can serve. */
        PENDING,
        /** Stored with a stand-in vector of the route's fallback space; re-embedded once the active space serves. */
        DEGRADED
    }
}
