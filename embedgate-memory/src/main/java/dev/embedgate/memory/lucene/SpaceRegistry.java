package dev.embedgate.memory.lucene;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The spaces the index knows (each with its dimensions and its vector field) and each namespace's active space,
 * kept in the commit data of the index itself, so that they are committed with the documents and survive with them.
 * A change is handed to the index writer at once ({@code onChange}, under this registry's lock, so the last state
 * handed over is always the newest); the caller then waits for a commit to make it durable. Thread-safe.
 */
final class SpaceRegistry {

    private static final String SPACES_KEY = "embedgate.spaces";
    private static final String ACTIVE_KEY = "embedgate.activeSpaces";
    private static final String FIELD_PREFIX = "vector.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Integer> dimensions = new TreeMap<>();
    private final Map<String, String> fields = new TreeMap<>();
    private final Map<String, String> spacesByField = new TreeMap<>();
    private final Map<String, String> active = new TreeMap<>();
    private final Consumer<Map<String, String>> onChange;

    /**
     * @param commitData what the last commit recorded (empty for a new index)
     * @param onChange   takes the commit data to record with the next commit
     */
    SpaceRegistry(Map<String, String> commitData, Consumer<Map<String, String>> onChange) {
        this.onChange = onChange;
        read(commitData.get(SPACES_KEY), new TypeReference<Map<String, Integer>>() { })
                .forEach(this::register);
        active.putAll(read(commitData.get(ACTIVE_KEY), new TypeReference<Map<String, String>>() { }));
    }

    /**
     * Registers the space; true when it is new (and so needs a commit).
     *
     * @throws IllegalArgumentException when it is known with other dimensions, or is too long to index
     */
    synchronized boolean add(String space, int dims) {
        if (dims < 1 || dims > WideHnswVectorsFormat.MAX_DIMENSIONS) {
            throw new IllegalArgumentException("space " + space + " has " + dims + " dimensions; the Lucene store "
                    + "indexes vectors of 1.." + WideHnswVectorsFormat.MAX_DIMENSIONS + " dimensions");
        }
        Integer known = dimensions.get(space);
        if (known != null) {
            if (known != dims) {
                throw new IllegalArgumentException("space " + space + " is known with " + known
                        + " dimensions, not " + dims);
            }
            return false;
        }
        register(space, dims);
        changed();
        return true;
    }

    /** The space's vector field. @throws IllegalArgumentException when the space is unknown */
    synchronized String field(String space) {
        String field = fields.get(space);
        if (field == null) {
            throw unknown(space);
        }
        return field;
    }

    /** The space's dimensions. @throws IllegalArgumentException when the space is unknown */
    synchronized int dimensions(String space) {
        Integer dims = dimensions.get(space);
        if (dims == null) {
            throw unknown(space);
        }
        return dims;
    }

    /** The space whose vectors are in this field, or null. */
    synchronized String spaceOfField(String field) {
        return spacesByField.get(field);
    }

    synchronized Optional<String> active(String namespace) {
        return Optional.ofNullable(active.get(namespace));
    }

    /** Sets the namespace's active space; true when that changed it (and so needs a commit). */
    synchronized boolean setActive(String namespace, String space) {
        field(space);
        if (space.equals(active.put(namespace, space))) {
            return false;
        }
        changed();
        return true;
    }

    /** Sets the namespace's active space unless it has one; answers the one it had (empty: it was set now). */
    synchronized Optional<String> setActiveIfAbsent(String namespace, String space) {
        Optional<String> existing = active(namespace);
        if (existing.isEmpty()) {
            setActive(namespace, space);
        }
        return existing;
    }

    /** The namespaces whose active space this is. */
    synchronized List<String> namespacesActiveIn(String space) {
        return active.entrySet().stream().filter(e -> e.getValue().equals(space)).map(Map.Entry::getKey).toList();
    }

    /** Every namespace with an active space, and that space. */
    synchronized Map<String, String> activeSpaces() {
        return Map.copyOf(active);
    }

    synchronized List<String> spaces() {
        return List.copyOf(dimensions.keySet());
    }

    private void register(String space, int dims) {
        String field = fieldFor(space);
        String other = spacesByField.get(field);
        if (other != null) {
            throw new IllegalStateException("spaces " + other + " and " + space + " hash to one vector field");
        }
        dimensions.put(space, dims);
        fields.put(space, field);
        spacesByField.put(field, space);
    }

    private void changed() {
        onChange.accept(Map.of(SPACES_KEY, write(dimensions), ACTIVE_KEY, write(active)));
    }

    /** A short, stable field name: space ids are long and may hold any character. */
    private static String fieldFor(String space) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(space.getBytes(StandardCharsets.UTF_8));
            return FIELD_PREFIX + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static IllegalArgumentException unknown(String space) {
        return new IllegalArgumentException("space " + space + " is unknown to the memory store; add it first");
    }

    private static <T> Map<String, T> read(String json, TypeReference<Map<String, T>> type) {
        if (json == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the memory index's commit data is not readable: " + e.getMessage(), e);
        }
    }

    private static String write(Map<String, ?> map) {
        try {
            return JSON.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always JSON", e);
        }
    }
}
