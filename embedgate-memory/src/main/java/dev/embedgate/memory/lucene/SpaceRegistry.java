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
import java.util.concurrent.ConcurrentHashMap;

/**
 * The spaces the index knows (each with its dimensions and its vector field) and each namespace's active space. Both
 * live in the index itself, so that they are committed with the memories and survive with them: the spaces, a
 * handful, in its commit data; the active spaces, one per namespace and so possibly many, as documents of their own
 * ({@link ActiveSpaceDocuments}). A change is handed to the index writer at once, under this registry's lock, so that
 * the last change handed over is always the newest; the caller then waits for a commit to make it durable. Reads take
 * no lock. Thread-safe.
 */
final class SpaceRegistry {

    /** Where the registry's changes go. */
    interface Persistence {
        /** Records the spaces, as commit data, with the next commit. */
        void spacesChanged(Map<String, String> commitData);

        /** Writes the namespace's active space to the index. */
        void activeChanged(String namespace, String space);
    }

    private static final String SPACES_KEY = "embedgate.spaces";
    private static final String FIELD_PREFIX = "vector.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Integer> dimensions = new ConcurrentHashMap<>();
    private final Map<String, String> fields = new ConcurrentHashMap<>();
    private final Map<String, String> spacesByField = new ConcurrentHashMap<>();
    private final Map<String, String> active;
    private final Persistence persistence;

    /**
     * @param commitData what the last commit recorded (empty for a new index)
     * @param active     the active spaces the index holds, by namespace
     */
    SpaceRegistry(Map<String, String> commitData, Map<String, String> active, Persistence persistence) {
        this.persistence = persistence;
        this.active = new ConcurrentHashMap<>(active);
        readSpaces(commitData.get(SPACES_KEY)).forEach(this::register);
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
        persistence.spacesChanged(Map.of(SPACES_KEY, writeSpaces()));
        return true;
    }

    /** The space's vector field. @throws IllegalArgumentException when the space is unknown */
    String field(String space) {
        String field = fields.get(space);
        if (field == null) {
            throw unknown(space);
        }
        return field;
    }

    /** The space's dimensions. @throws IllegalArgumentException when the space is unknown */
    int dimensions(String space) {
        Integer dims = dimensions.get(space);
        if (dims == null) {
            throw unknown(space);
        }
        return dims;
    }

    /** The space whose vectors are in this field, or null. */
    String spaceOfField(String field) {
        return spacesByField.get(field);
    }

    List<String> spaces() {
        return List.copyOf(dimensions.keySet());
    }

    Optional<String> active(String namespace) {
        return Optional.ofNullable(active.get(namespace));
    }

    /** Sets the namespace's active space (a known one); true when that changed it (and so needs a commit). */
    synchronized boolean setActive(String namespace, String space) {
        field(space);
        if (space.equals(active.get(namespace))) {
            return false;
        }
        persistence.activeChanged(namespace, space);
        active.put(namespace, space);
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
    List<String> namespacesActiveIn(String space) {
        return active.entrySet().stream().filter(e -> e.getValue().equals(space)).map(Map.Entry::getKey).toList();
    }

    /** Every namespace with an active space, and that space. */
    Map<String, String> activeSpaces() {
        return Map.copyOf(active);
    }

    private void register(String space, int dims) {
        String field = fieldFor(space);
        String other = spacesByField.get(field);
        if (other != null) {
            throw new IllegalStateException("spaces " + other + " and " + space + " hash to one vector field");
        }
        fields.put(space, field);
        spacesByField.put(field, space);
        dimensions.put(space, dims);
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

    private static Map<String, Integer> readSpaces(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Integer>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the memory index's commit data is not readable: " + e.getMessage(), e);
        }
    }

    private String writeSpaces() {
        try {
            return JSON.writeValueAsString(new TreeMap<>(dimensions));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always JSON", e);
        }
    }
}
