package dev.embedgate.server.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * A streamed chat answer as a client reads it: the JSON of every {@code data:} event, and whether {@code [DONE]}
 * ended it.
 *
 * @param events the events' JSON, in order
 * @param done   whether the stream ended with {@code data: [DONE]}
 */
record SseAnswer(List<JsonNode> events, boolean done) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static SseAnswer parse(String body) {
        var events = new ArrayList<JsonNode>();
        boolean done = false;
        for (String block : body.split("\n\n")) {
            if (block.isBlank()) {
                continue;
            }
            if (!block.startsWith("data: ")) {
                throw new AssertionError("not an SSE data event: " + block);
            }
            String data = block.substring("data: ".length());
            if (data.equals("[DONE]")) {
                done = true;
            } else {
                try {
                    events.add(JSON.readTree(data));
                } catch (java.io.IOException e) {
                    throw new AssertionError("an event that is not JSON: " + data, e);
                }
            }
        }
        return new SseAnswer(events, done);
    }

    /** The text of every content delta, joined. */
    String content() {
        var text = new StringBuilder();
        for (JsonNode event : events) {
            JsonNode choices = event.path("choices");
            if (choices.size() > 0) {
                text.append(choices.get(0).path("delta").path("content").asText(""));
            }
        }
        return text.toString();
    }

    /** Events that carried text. */
    long contentChunks() {
        return events.stream().filter(event -> event.path("choices").size() > 0
                && !event.path("choices").get(0).path("delta").path("content").asText("").isEmpty()).count();
    }

    /** The last event (the usage chunk when asked, an error event after a broken stream). */
    JsonNode last() {
        return events.getLast();
    }
}
