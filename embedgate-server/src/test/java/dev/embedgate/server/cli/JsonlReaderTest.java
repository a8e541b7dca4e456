package dev.embedgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading an import file: lines numbered as an editor numbers them (CRLF or LF, a last line without a line end), a
 * digest that tells whether the lines done are still the same, and a line that is not UTF-8 being one bad line.
 */
class JsonlReaderTest {

    @TempDir
    Path dir;

    @Test
    void linesAreNumberedFromOneWhateverTheirLineEnds() throws IOException {
        Path file = write("{\"content\": \"a\"}\r\n\n{\"content\": \"c\"}\n{\"content\": \"d\"}");

        List<String> lines = read(file);

        assertThat(lines).containsExactly("1:{\"content\": \"a\"}", "2:", "3:{\"content\": \"c\"}", "4:{\"content\": \"d\"}");
        assertThat(JsonlReader.countLines(file)).isEqualTo(4);
        assertThat(JsonlReader.countLines(write("one\ntwo\n"))).isEqualTo(2);
        assertThat(JsonlReader.countLines(write(""))).isZero();
    }

    @Test
    void theDigestOfTheLinesReadChangesWhenOneOfThemChangesAndNotWhenLaterLinesDo() throws IOException {
        String first = digestAfter(write("a\nb\nc\n"), 2);

        assertThat(digestAfter(write("a\nb\nsomething else\nd\n"), 2)).isEqualTo(first);
        assertThat(digestAfter(write("a\nB\nc\n"), 2)).isNotEqualTo(first);
        assertThat(digestAfter(write("ab\n\nc\n"), 2)).as("line boundaries count").isNotEqualTo(first);
    }

    @Test
    void aLineThatIsNotUtf8IsABadLineAndTheNextLineIsRead() throws IOException {
        byte[] latin1 = "{\"content\": \"caf\u00e9\"}\n{\"content\": \"fine\"}\n".getBytes(StandardCharsets.ISO_8859_1);
        Path file = Files.write(dir.resolve("latin1.jsonl"), latin1);

        try (var reader = new JsonlReader(file)) {
            assertThat(JsonlMemoryLine.parse(reader.next())).isInstanceOfSatisfying(JsonlMemoryLine.Bad.class,
                    bad -> assertThat(bad.reason()).startsWith("not JSON (Invalid UTF-8"));
            assertThat(JsonlMemoryLine.parse(reader.next())).isInstanceOfSatisfying(JsonlMemoryLine.Memory.class,
                    memory -> assertThat(memory.memory().get("content").asText()).isEqualTo("fine"));
            assertThat(reader.next()).isNull();
        }
    }

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("file-" + text.hashCode() + ".jsonl"), text);
    }

    private static List<String> read(Path file) throws IOException {
        var lines = new ArrayList<String>();
        try (var reader = new JsonlReader(file)) {
            JsonlReader.Line line;
            while ((line = reader.next()) != null) {
                lines.add(line.number() + ":" + new String(line.bytes(), StandardCharsets.UTF_8));
            }
        }
        return lines;
    }

    private static String digestAfter(Path file, int lines) throws IOException {
        try (var reader = new JsonlReader(file)) {
            for (int i = 0; i < lines; i++) {
                reader.next();
            }
            return reader.digest();
        }
    }
}
