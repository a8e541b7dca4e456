package dev.embedgate.server.api;

import java.nio.charset.StandardCharsets;

/**
 * Writes text as the inside of a JSON string, in UTF-8, straight into a caller's buffer: a streamed chat answer writes
 * one per token, and encoding into a new array first, then copying it, cost an array per token. Quotes, backslashes
 * and control characters are escaped; a lone surrogate (which has no UTF-8 form) is written as its {@code \}{@code u}
 * escape, so the JSON reads back as the same text.
 */
final class JsonStringBytes {

    /** The most bytes one character may take: a six-byte escape. */
    static final int MAX_BYTES_PER_CHAR = 6;

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private JsonStringBytes() {
    }

    /**
     * Writes {@code text} into {@code out} from {@code at}, which must have room for
     * {@link #MAX_BYTES_PER_CHAR} bytes per character.
     *
     * @return where the text's bytes end
     */
    static int write(String text, byte[] out, int at) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                at = ascii(c, out, at);
            } else if (c < 0x800) {
                out[at++] = (byte) (0xC0 | (c >> 6));
                out[at++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, text.charAt(++i));
                out[at++] = (byte) (0xF0 | (codePoint >> 18));
                out[at++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
                out[at++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
                out[at++] = (byte) (0x80 | (codePoint & 0x3F));
            } else if (Character.isSurrogate(c)) {
                at = unicodeEscape(c, out, at);
            } else {
                out[at++] = (byte) (0xE0 | (c >> 12));
                out[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[at++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return at;
    }

    private static int ascii(char c, byte[] out, int at) {
        switch (c) {
            case '"', '\\' -> {
                out[at++] = '\\';
                out[at++] = (byte) c;
            }
            case '\n' -> at = shortEscape('n', out, at);
            case '\r' -> at = shortEscape('r', out, at);
            case '\t' -> at = shortEscape('t', out, at);
            case '\b' -> at = shortEscape('b', out, at);
            case '\f' -> at = shortEscape('f', out, at);
            default -> {
                if (c < 0x20) {
                    return unicodeEscape(c, out, at);
                }
                out[at++] = (byte) c;
            }
        }
        return at;
    }

    private static int shortEscape(char letter, byte[] out, int at) {
        out[at] = '\\';
        out[at + 1] = (byte) letter;
        return at + 2;
    }

    private static int unicodeEscape(char c, byte[] out, int at) {
        out[at] = '\\';
        out[at + 1] = 'u';
        out[at + 2] = HEX[(c >> 12) & 0xF];
        out[at + 3] = HEX[(c >> 8) & 0xF];
        out[at + 4] = HEX[(c >> 4) & 0xF];
        out[at + 5] = HEX[c & 0xF];
        return at + 6;
    }
}
