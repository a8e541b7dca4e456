package dev.embedgate.provider.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads newline-delimited JSON (Ollama's {@code application/x-ndjson} streams): each non-blank line is one event,
 * handed over as text for the caller to read as JSON. Lines end with LF or CRLF (a lone CR too: it cannot occur
 * unescaped inside JSON); the last line needs no line end. A line longer than {@code maxEventBytes} fails. Text is
 * decoded as UTF-8, malformed bytes becoming U+FFFD. Not thread-safe: one per stream.
 */
final class NdjsonParser implements StreamParser<String> {

    private final LineSplitter lines;

    NdjsonParser(int maxEventBytes) {
        this.lines = new LineSplitter(maxEventBytes, "a line");
    }

    @Override
    public boolean feed(ByteBuffer chunk, EventSink<String> sink) throws MalformedStreamException {
        return lines.feed(chunk, (bytes, length) -> line(bytes, length, sink));
    }

    @Override
    public void end(EventSink<String> sink) throws MalformedStreamException {
        lines.finish((bytes, length) -> line(bytes, length, sink));
    }

    private static boolean line(byte[] bytes, int length, EventSink<String> sink) {
        String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
        return text.isBlank() || sink.accept(text);
    }
}
