package dev.embedgate.provider;

import java.util.Objects;

/**
 * A credential (an API key or token). Its {@link #toString()} is redacted, so a secret that ends up in a log
 * line, an exception message or a config dump shows as {@code Secret[redacted]}; only {@link #reveal()} gives the
 * value, and only the code that puts it in a request header should call it.
 */
public final class Secret {

    private static final String REDACTED = "Secret[redacted]";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * @param value the credential; surrounding whitespace is dropped
     * @throws IllegalArgumentException if it is blank or holds control characters (which a header cannot carry);
     *                                  the message never repeats the value
     */
    public static Secret of(String value) {
        Objects.requireNonNull(value, "secret");
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("a secret must not be blank");
        }
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("a secret must not hold control characters (found one at position "
                        + i + ")");
            }
        }
        return new Secret(trimmed);
    }

    /** The value, for the request header that carries it. Never log or format it. */
    public String reveal() {
        return value;
    }

    /** The text with every occurrence of this secret replaced by {@code [redacted]}. */
    public String redactFrom(String text) {
        return text == null ? null : text.replace(value, "[redacted]");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return REDACTED;
    }
}
