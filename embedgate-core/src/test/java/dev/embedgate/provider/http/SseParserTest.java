package dev.embedgate.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** text/event-stream as the WHATWG standard reads it, however the bytes are cut into chunks. */
class SseParserTest {

    private static final String OPENAI_STYLE = """
            data: {"choices":[{"delta":{"content":"Hel"}}]}

            data: {"choices":[{"delta":{"content":"lo"}}]}

            data: [DONE]

            """;

    @Test
    void readsOneEventPerBlankLineSeparatedBlock() throws Exception {
        assertThat(parse(OPENAI_STYLE)).containsExactly(
                ServerSentEvent.message("{\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}"),
                ServerSentEvent.message("{\"choices\":[{\"delta\":{\"content\":\"lo\"}}]}"),
                ServerSentEvent.message("[DONE]"));
    }

    @Test
    void eventsSplitAtEveryByteReadTheSameAsWhole() throws Exception {
        String stream = "event: delta\r\nid: 7\r\ndata: caf\u00e9 \u2603 \ud83d\ude00\r\ndata: line two\r\n\r\n"
                + ": keep-alive\r\n\r\ndata: second\n\n";
        List<ServerSentEvent> whole = parse(stream);
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);

        for (int cut = 1; cut < bytes.length; cut++) {
            assertThat(parse(Arrays.copyOfRange(bytes, 0, cut), Arrays.copyOfRange(bytes, cut, bytes.length)))
                    .as("cut at byte %d", cut).isEqualTo(whole);
        }
        assertThat(parseByteByByte(bytes)).isEqualTo(whole);
        assertThat(whole).containsExactly(
                new ServerSentEvent("delta", "caf\u00e9 \u2603 \ud83d\ude00\nline two", "7"),
                new ServerSentEvent("message", "second", "7"));
    }

    @Test
    void crLfCrAndLfAllEndLines() throws Exception {
        assertThat(parse("data: a\r\n\r\ndata: b\r\rdata: c\n\ndata: d\r\n\n"))
                .extracting(ServerSentEvent::data).containsExactly("a", "b", "c", "d");
    }

    @Test
    void aCrLfSplitBetweenChunksIsOneLineEnd() throws Exception {
        assertThat(parse("data: a\r", "\n", "\r", "\ndata: b\r", "\n\r\n"))
                .extracting(ServerSentEvent::data).containsExactly("a", "b");
    }

    @Test
    void multiLineDataIsJoinedWithNewlines() throws Exception {
        assertThat(parse("data: {\ndata:   \"a\": 1\ndata: }\n\n")).extracting(ServerSentEvent::data)
                .containsExactly("{\n  \"a\": 1\n}");
    }

    @Test
    void commentsRetryAndUnknownFieldsAreIgnored() throws Exception {
        assertThat(parse(": OPENROUTER PROCESSING\n\nretry: 1000\nfoo: bar\ndata: x\n\n:\n\n"))
                .containsExactly(ServerSentEvent.message("x"));
    }

    @Test
    void onlyOneSpaceAfterTheColonIsDropped() throws Exception {
        assertThat(parse("data:no-space\n\ndata:  two\n\ndata\n\n")).extracting(ServerSentEvent::data)
                .containsExactly("no-space", " two", "");
    }

    @Test
    void anEventNameAppliesToItsOwnEventOnly() throws Exception {
        assertThat(parse("event: error\ndata: {\"error\":\"x\"}\n\ndata: y\n\nevent: lonely\n\n"))
                .extracting(ServerSentEvent::type).containsExactly("error", "message");
    }

    @Test
    void aByteOrderMarkAtTheStartIsSkipped() throws Exception {
        assertThat(parse("\ufeffdata: x\n\n")).containsExactly(ServerSentEvent.message("x"));
    }

    @Test
    void anEventTheBodyEndsInTheMiddleOfIsDiscarded() throws Exception {
        assertThat(parse("data: complete\n\ndata: cut off")).extracting(ServerSentEvent::data).containsExactly("complete");
        assertThat(parse("data: no blank line\n")).isEmpty();
    }

    @Test
    void anEventLargerThanTheBoundFailsBeforeItIsBuffered() {
        var parser = new SseParser(1024);
        String big = "data: " + "x".repeat(600) + "\n";

        assertThatThrownBy(() -> parser.feed(utf8(big + big + "\n"), event -> true))
                .isInstanceOf(MalformedStreamException.class).hasMessageContaining("larger than 1024 bytes");
        assertThatThrownBy(() -> new SseParser(1024).feed(utf8("data: " + "y".repeat(5000)), event -> true))
                .isInstanceOf(MalformedStreamException.class);
    }

    @Test
    void manyEventsUnderTheBoundEachPass() throws Exception {
        var parser = new SseParser(1024);
        var events = new ArrayList<ServerSentEvent>();
        String event = "data: " + "x".repeat(600) + "\n\n";
        for (int i = 0; i < 100; i++) {
            parser.feed(utf8(event), events::add);
        }
        assertThat(events).hasSize(100);
    }

    @Test
    void anEventIsReadWhileItIsDeliveredAndACopyIsKept() throws Exception {
        var kept = new ArrayList<ServerSentEvent>();
        var copies = new ArrayList<ServerSentEvent>();
        var read = new ArrayList<String>();
        new SseParser(1024).feed(utf8("data: first\n\ndata: second\n\n"), event -> {
            read.add(event.data());
            kept.add(event);
            copies.add(event.copy());
            return true;
        });

        assertThat(read).containsExactly("first", "second");
        assertThat(copies).extracting(ServerSentEvent::data).containsExactly("first", "second");
        assertThatThrownBy(() -> kept.getFirst().data()).as("its buffer holds the next event's data by now")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("copy()");
        assertThatThrownBy(() -> kept.getLast().dataIs("second".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSinkThatStopsLeavesTheRestUnread() throws Exception {
        var events = new ArrayList<ServerSentEvent>();
        boolean more = new SseParser(1024).feed(utf8("data: a\n\ndata: b\n\n"), event -> {
            events.add(event.copy());
            return false;
        });

        assertThat(more).isFalse();
        assertThat(events).extracting(ServerSentEvent::data).containsExactly("a");
    }

    private static List<ServerSentEvent> parse(String... chunks) throws MalformedStreamException {
        return parse(Arrays.stream(chunks).map(chunk -> chunk.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new));
    }

    private static List<ServerSentEvent> parse(byte[]... chunks) throws MalformedStreamException {
        var parser = new SseParser(StreamSettings.DEFAULT_MAX_EVENT_BYTES);
        var events = new ArrayList<ServerSentEvent>();
        StreamParser.EventSink<ServerSentEvent> keep = event -> events.add(event.copy());
        for (byte[] chunk : chunks) {
            parser.feed(ByteBuffer.wrap(chunk).asReadOnlyBuffer(), keep);
        }
        parser.end(keep);
        return events;
    }

    private static List<ServerSentEvent> parseByteByByte(byte[] bytes) throws MalformedStreamException {
        byte[][] chunks = new byte[bytes.length][];
        for (int i = 0; i < bytes.length; i++) {
            chunks[i] = new byte[] {bytes[i]};
        }
        return parse(chunks);
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
