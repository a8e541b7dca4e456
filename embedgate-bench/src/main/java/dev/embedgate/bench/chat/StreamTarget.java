package dev.embedgate.bench.chat;

/** Where a stream is sent. */
public enum StreamTarget {
    /** The simulator's OpenAI {@code /v1/chat/completions}, called directly. */
    DIRECT,
    /** EmbedGate's {@code /v1/chat/completions} in front of it. */
    GATEWAY,
    /** nginx passing the same requests through to the simulator ({@link ReferenceProxy}), when it is installed. */
    NGINX,
    /**
     * A second EmbedGate, another build or other JVM options, when asked for: it takes turns with the others, so that
     * a change is compared with the current gateway under the same machine conditions.
     */
    CANDIDATE
}
