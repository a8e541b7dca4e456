package dev.embedgate.memory.lucene;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
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
 *
 * <p>A space's vector field is named after a hash of its id and, once the space was dropped, the number of times it
 * was: Lucene keeps a field's dimensions for good, so a space added again (with other dimensions, say) gets a field
 * of its own.
 */
final class SpaceRegistry {

    /** Where the registry's changes go. */
    interface Persistence {
        /** Records the spaces, as commit data, with the next commit. */
        void spacesChanged(Map<String, String> commitData);

        /** Writes the namespaces' active spaces to the index, as one atomic change. */
        void activeChanged(Map<String, String> spaceByNamespace);
    }

    private static final String SPACES_KEY = "embedgate.spaces";
    private static final String DROPS_KEY = "embedgate.spaceDrops";
    private static final String FIELD_PREFIX = "vector.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Integer> dimensions = new ConcurrentHashMap<>();
    private final Map<String, String> fields = new ConcurrentHashMap<>();
    private final Map<String, String> spacesByField = new ConcurrentHashMap<>();
    /** How often each space was dropped: part of its field's name. */
    private final Map<String, Integer> drops = new ConcurrentHashMap<>();
    private final Map<String, String> active;
    private final Persistence persistence;

    /**
     * @param commitData what the last commit recorded (empty for a new index)
     * @param active     the active spaces the index holds, by namespace
     */
    SpaceRegistry(Map<String, String> commitData, Map<String, String> active, Persistence persistence) {
        this.persistence = persistence;
        this.active = new ConcurrentHashMap<>(active);
        drops.putAll(readCounts(commitData.get(DROPS_KEY)));
        readCounts(commitData.get(SPACES_KEY)).forEach(this::register);
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
        persistence.spacesChanged(commitData());
        return true;
    }

    /**
     * Unregisters the space once {@code removal} has taken its vectors out of every memory; answers how many it
     * removed (0 for an unknown space). The caller waits for a commit.
     *
     * @throws IllegalStateException when the space is some namespace's active space
     */
    synchronized long drop(String space, VectorRemoval removal) throws IOException {
        String field = fields.get(space);
        if (field == null) {
            return 0;
        }
        List<String> activeIn = namespacesActiveIn(space);
        if (!activeIn.isEmpty()) {
            throw new IllegalStateException("space " + space + " is the active space of namespace(s) "
                    + activeIn.stream().sorted().toList() + "; switch them to another space before dropping it");
        }
        long removed = removal.remove(field);
        fields.remove(space);
        spacesByField.remove(field);
        dimensions.remove(space);
        drops.merge(space, 1, Integer::sum);
        persistence.spacesChanged(commitData());
        return removed;
    }

    /** The space's vector field. @throws IllegalArgumentException when the space is unknown */
    String field(String space) {
        String field = fields.get(space);
        if (field == null) {
            throw unknown(space);
        }
        return field;
    }

    /** Whether the space is registered. */
    boolean knows(String space) {
        return fields.containsKey(space);
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

    /** Every known space's vector field, by space. */
    Map<String, String> fields() {
        return Map.copyOf(fields);
    }

    Optional<String> active(String namespace) {
        return Optional.ofNullable(active.get(namespace));
    }

    /** Sets the namespace's active space (a known one); true when that changed it (and so needs a commit). */
    synchronized boolean setActive(String namespace, String space) {
        return setActive(Map.of(namespace, space));
    }

    /**
     * Sets the namespaces' active spaces in one change; true when that changed any (and so needs a commit).
     *
     * @throws IllegalArgumentException when a space is unknown; then nothing changes
     */
    synchronized boolean setActive(Map<String, String> spaceByNamespace) {
        spaceByNamespace.values().forEach(this::field);
        var changes = new HashMap<String, String>();
        spaceByNamespace.forEach((namespace, space) -> {
            if (!space.equals(active.get(namespace))) {
                changes.put(namespace, space);
            }
        });
        if (changes.isEmpty()) {
            return false;
        }
        persistence.activeChanged(changes);
        active.putAll(changes);
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
        String field = fieldFor(space, drops.getOrDefault(space, 0));
        String other = spacesByField.get(field);
        if (other != null) {
            throw new IllegalStateException("spaces " + other + " and " + space + " hash to one vector field");
        }
        fields.put(space, field);
        spacesByField.put(field, space);
        dimensions.put(space, dims);
    }

    /** A short, stable field name: space ids are long and may hold any character. */
    private static String fieldFor(String space, int dropped) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(space.getBytes(StandardCharsets.UTF_8));
            return FIELD_PREFIX + HexFormat.of().formatHex(digest, 0, 8) + (dropped == 0 ? "" : "." + dropped);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static IllegalArgumentException unknown(String space) {
        return new IllegalArgumentException("space " + space + " is unknown to the memory store; add it first");
    }

    private static Map<String, Integer> readCounts(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Integer>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the memory index's commit data is not readable: " + e.getMessage(), e);
        }
    }

    /** The spaces with their dimensions, and how often each space was dropped. */
    private Map<String, String> commitData() {
        try {
            return Map.of(SPACES_KEY, JSON.writeValueAsString(new TreeMap<>(dimensions)),
                    DROPS_KEY, JSON.writeValueAsString(new TreeMap<>(drops)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always JSON", e);
        }
    }

    /** Takes a dropped space's vectors out of every memory. */
    interface VectorRemoval {
        /** @return the vectors removed */
        long remove(String field) throws IOException;
    }
}
