package dev.embedgate.testdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The real-text corpus and reference vectors in ../shared/data (path from the build's embedgate.data.dir). */
public final class SharedData {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SharedData() {
    }

    /**
     * The data folder: the build's {@code embedgate.data.dir} (the checkout's sibling {@code shared/data}), else
     * the {@code EMBEDGATE_DATA_DIR} environment variable, else the workspace's {@code /work/shared/data}.
     */
    public static Path dir() {
        var candidates = new ArrayList<Path>();
        String property = System.getProperty("embedgate.data.dir");
        if (property != null) {
            candidates.add(Path.of(property));
        }
        String environment = System.getenv("EMBEDGATE_DATA_DIR");
        if (environment != null) {
            candidates.add(Path.of(environment));
        }
        candidates.add(Path.of("/work/shared/data"));
        return candidates.stream()
                .filter(dir -> Files.isRegularFile(dir.resolve("corpus/debian-descriptions.jsonl")))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the shared test data (corpus/debian-descriptions.jsonl) "
                        + "is in none of " + candidates + "; set EMBEDGATE_DATA_DIR to the folder holding it"));
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
