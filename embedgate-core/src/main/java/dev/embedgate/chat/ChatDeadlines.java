package dev.embedgate.chat;

import dev.embedgate.provider.http.StreamSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * How long a chat call may take: until its first token, between two tokens, and in all. Each passed deadline fails
 * the call with {@code TIMEOUT}; before the first token that is failed over like any failure, after it the stream
 * ends with an error.
 *
 * @param firstToken    from sending the request to the first token (covers connecting and a whole error answer)
 * @param betweenTokens longest silence between two tokens
 * @param total         the whole answer
 */
public record ChatDeadlines(Duration firstToken, Duration betweenTokens, Duration total) {

    /** 30 s to the first token, 30 s between tokens, 10 minutes in all. */
    public static final ChatDeadlines DEFAULT = new ChatDeadlines(Duration.ofSeconds(30), Duration.ofSeconds(30),
            Duration.ofMinutes(10));

    public ChatDeadlines {
        requirePositive(firstToken, "firstToken");
        requirePositive(betweenTokens, "betweenTokens");
        requirePositive(total, "total");
    }

    /** The same deadlines for a streamed HTTP call (events are the wire's chunks, which carry the tokens). */
    public StreamSettings streamSettings() {
        return StreamSettings.of(firstToken, betweenTokens, total);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
