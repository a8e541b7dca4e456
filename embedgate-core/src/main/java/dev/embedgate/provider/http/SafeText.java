package dev.embedgate.provider.http;

import dev.embedgate.provider.Secret;
import java.util.regex.Pattern;

/**
 * Makes text from outside (a provider's error message, an exception message) fit to put in our own messages:
 * the configured secret and anything shaped like a credential are redacted (masked fragments too, such as the
 * {@code sk-ab***yz} a provider echoes for a refused key: a fragment narrows the key down), control characters and
 * line breaks become spaces, and the text is cut to a readable length.
 */
public final class SafeText {

    /** Longest provider message we repeat. */
    public static final int MAX_LENGTH = 300;

    private static final Pattern CREDENTIAL_SHAPES = Pattern.compile(
            "(?i)\\b(?:sk|hf|egk)[-_][^\\s\"',;]+"                         // sk-…, hf_…, egk_…: keys, whole or masked
            + "|[^\\s\"',;:*]{0,64}\\*{3,}[^\\s\"',;*]{0,64}"                // masked fragments: ab***yz, ****wxyz
            + "|(?<=key provided: )[^\\s\"',;]+"                              // OpenAI's echo of a refused key
            + "|(?<=bearer )[^\\s\"',]+"                                      // Authorization values echoed back
            + "|(?<=api[-_]key[\"']?\\s?[:=]\\s?[\"']?)[^\\s\"',&]+");      // api-key=…, "api_key": "…"

    private SafeText() {
    }

    /**
     * @param text   the text, or null
     * @param secret the credential in use, or null
     */
    public static String of(String text, Secret secret) {
        if (text == null) {
            return "";
        }
        String redacted = secret == null ? text : secret.redactFrom(text);
        redacted = CREDENTIAL_SHAPES.matcher(redacted).replaceAll("[redacted]");
        var out = new StringBuilder(Math.min(redacted.length(), MAX_LENGTH + 1));
        boolean lastWasSpace = false;
        for (int i = 0; i < redacted.length() && out.length() <= MAX_LENGTH; i++) {
            char c = redacted.charAt(i);
            boolean space = Character.isWhitespace(c) || Character.isISOControl(c);
            if (space) {
                if (!lastWasSpace && !out.isEmpty()) {
                    out.append(' ');
                }
            } else {
                out.append(c);
            }
            lastWasSpace = space;
        }
        String result = out.toString().strip();
        return result.length() > MAX_LENGTH ? result.substring(0, MAX_LENGTH) + "…" : result;
    }
}
