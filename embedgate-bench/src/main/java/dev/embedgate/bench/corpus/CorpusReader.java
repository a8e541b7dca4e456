package dev.embedgate.bench.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a JSON-lines corpus of {@code {"id", "text"}} objects. */
public final class CorpusReader {

    /** The corpus file inside the shared data folder. */
    public static final String DEBIAN_DESCRIPTIONS = "corpus/debian-descriptions.jsonl";

    private final ObjectMapper json = new ObjectMapper();

    public Corpus read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("corpus not found at " + file.toAbsolutePath().normalize()
                    + "; set -Dembedgate.data.dir to the folder holding " + DEBIAN_DESCRIPTIONS);
        }
        var texts = new ArrayList<CorpusText>();
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                JsonNode node = json.readTree(lines.get(i));
                if (!node.hasNonNull("id") || !node.hasNonNull("text")) {
                    throw new IllegalArgumentException(file + " line " + (i + 1) + " lacks \"id\" or \"text\"");
                }
                texts.add(new CorpusText(node.get("id").asText(), node.get("text").asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the corpus " + file, e);
        }
        return new Corpus(texts);
    }
}
