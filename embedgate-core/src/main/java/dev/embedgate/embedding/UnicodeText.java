package dev.embedgate.embedding;

/** Checks that a Java string is text: UTF-16 with every surrogate paired, as JSON and every provider need. */
public final class UnicodeText {

    private UnicodeText() {
    }

    /** The position of the first unpaired surrogate, or -1 when there is none. */
    public static int unpairedSurrogateAt(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
