package dev.embedgate.bench.chat;

/**
 * Tells an OpenAI {@code chat.completion.chunk} event that carries text from the others (the role, an empty first
 * delta, the finish reason, the usage, {@code [DONE]}), by looking at the line's text rather than parsing it, so
 * that the client spends next to nothing per chunk at thousands of chunks a second.
 */
final class ContentChunks {

    private static final String CONTENT = "\"content\":";

    private ContentChunks() {
    }

    /** Whether this server-sent event line is {@code data: } with a delta whose {@code content} is a non-empty string. */
    static boolean carriesText(String line) {
        if (!line.startsWith("data:")) {
            return false;
        }
        int delta = line.indexOf("\"delta\":");
        if (delta < 0) {
            return false;
        }
        int content = line.indexOf(CONTENT, delta);
        if (content < 0) {
            return false;
        }
        int value = content + CONTENT.length();
        while (value < line.length() && line.charAt(value) == ' ') {
            value++;
        }
        return value + 1 < line.length() && line.charAt(value) == '"' && line.charAt(value + 1) != '"';
    }

    /** Whether this line ends an OpenAI stream. */
    static boolean done(String line) {
        return line.startsWith("data:") && line.substring(5).strip().equals("[DONE]");
    }
}
