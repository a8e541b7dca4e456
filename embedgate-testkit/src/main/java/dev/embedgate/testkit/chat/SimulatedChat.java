package dev.embedgate.testkit.chat;

import dev.embedgate.chat.ChatMessage;
import dev.embedgate.testkit.vectors.SimpleTokenCounter;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's deterministic chat model, public so that a test can compute exactly what any route answers:
 * <pre>You said: &lt;the last user message&gt; (&lt;N&gt; messages)</pre>
 * (the last message of any role when none is the user's), streamed one token per chunk, a token being a word with the
 * whitespace after it. A stop sequence cuts the text before its first occurrence (finish reason {@code stop}); a
 * token limit keeps that many tokens (finish reason {@code length}). Usage: the prompt counts the simulator's tokens
 * of every message ({@link SimpleTokenCounter}: words + 2 each), the completion its chunks.
 *
 * <pre>{@code
 * SimulatedChat.Answer expected = SimulatedChat.answer(messages, 5, List.of());
 * assertThat(completion.content()).isEqualTo(expected.content());   // the first 5 tokens
 * assertThat(completion.outputTokens()).isEqualTo(expected.completionTokens());
 * }</pre>
 */
public final class SimulatedChat {

    /**
     * What the simulator answers.
     *
     * @param content          the whole text
     * @param chunks           the text as streamed, one token per chunk (they concatenate to {@code content})
     * @param finishReason     in OpenAI's words: {@code stop} or {@code length} (each route words it its own way)
     * @param promptTokens     the prompt's tokens
     * @param completionTokens the answer's tokens (its chunks)
     */
    public record Answer(String content, List<String> chunks, String finishReason, long promptTokens,
                         long completionTokens) {

        public Answer {
            chunks = List.copyOf(chunks);
        }
    }

    private SimulatedChat() {
    }

    /** The answer to these messages without a token limit or stop sequences. */
    public static Answer answer(List<ChatMessage> messages) {
        return answer(messages, null, List.of());
    }

    /**
     * @param maxTokens most tokens to answer, or null for no limit
     * @param stop      sequences that end the answer (the first occurrence of any of them)
     */
    public static Answer answer(List<ChatMessage> messages, Integer maxTokens, List<String> stop) {
        String text = text(messages);
        String finish = "stop";
        for (String sequence : stop == null ? List.<String>of() : stop) {
            int at = sequence.isEmpty() ? -1 : text.indexOf(sequence);
            if (at >= 0) {
                text = text.substring(0, at);
            }
        }
        List<String> chunks = chunks(text);
        if (maxTokens != null && maxTokens < chunks.size()) {
            chunks = chunks.subList(0, Math.max(0, maxTokens));
            finish = "length";
        }
        return new Answer(String.join("", chunks), chunks, finish, promptTokens(messages), chunks.size());
    }

    /** The whole text answered to these messages, before any limit. */
    public static String text(List<ChatMessage> messages) {
        ChatMessage last = messages.getLast();
        for (ChatMessage message : messages) {
            if (message.role().equals("user")) {
                last = message;
            }
        }
        return "You said: " + last.content() + " (" + messages.size() + (messages.size() == 1 ? " message)" : " messages)");
    }

    /** The text as it is streamed: one token (a word and the whitespace after it) per chunk. */
    public static List<String> chunks(String text) {
        var chunks = new ArrayList<String>();
        int start = 0;
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        while (i < text.length()) {
            while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            chunks.add(text.substring(start, i));
            start = i;
        }
        return chunks;
    }

    /** The prompt's tokens: the simulator's count of every message's content. */
    public static long promptTokens(List<ChatMessage> messages) {
        return SimpleTokenCounter.count(messages.stream().map(ChatMessage::content).toList());
    }
}
