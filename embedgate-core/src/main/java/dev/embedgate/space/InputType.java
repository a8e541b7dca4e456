package dev.embedgate.space;

import java.util.Locale;

/** Which side of a retrieval pair a text is on; models with query instructions embed the two differently. */
public enum InputType {
    QUERY,
    DOCUMENT;

    /** The lower-case name used on the wire ({@code query} | {@code document}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
