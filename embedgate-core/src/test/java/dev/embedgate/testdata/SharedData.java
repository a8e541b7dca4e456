package dev.embedgate.testdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The real-text corpus and reference vectors in ../shared/data (path from the build's embedgate.data.dir). */
public final class SharedData {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SharedData() {
    }

    public static Path dir() {
        Path dir = Path.of(System.getProperty("embedgate.data.dir", "../../shared/data"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("shared test data not found at " + dir.toAbsolutePath()
                    + "; set -Dembedgate.data.dir");
        }
        return dir;
    }

    /** Corpus texts by id, in file order. */
    public static Map<String, String> corpus() {
        var texts = new LinkedHashMap<String, String>();
        for (JsonNode line : readLines(dir().resolve("corpus/debian-descriptions.jsonl"))) {
            texts.put(line.get("id").asText(), line.get("text").asText());
        }
        return texts;
    }

    /** Reference vectors by id from reference/{file}. */
    public static Map<String, float[]> reference(String file) {
        var vectors = new LinkedHashMap<String, float[]>();
        for (JsonNode line : readLines(dir().resolve("reference").resolve(file))) {
            JsonNode values = line.get("vector");
            float[] vector = new float[values.size()];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = (float) values.get(i).asDouble();
            }
            vectors.put(line.get("id").asText(), vector);
        }
        return vectors;
    }

    private static List<JsonNode> readLines(Path file) {
        try (var lines = Files.lines(file)) {
            return lines.filter(line -> !line.isBlank()).map(SharedData::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
