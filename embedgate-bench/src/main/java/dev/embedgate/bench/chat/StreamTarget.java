package dev.embedgate.bench.chat;

/** Where a stream is sent. */
public enum StreamTarget {
    /** The simulator's OpenAI {@code /v1/chat/completions}, called directly. */
    DIRECT,
    /** EmbedGate's {@code /v1/chat/completions} in front of it. */
    GATEWAY,
    /** nginx passing the same requests through to the simulator ({@link ReferenceProxy}), when it is installed. */
    NGINX
}
