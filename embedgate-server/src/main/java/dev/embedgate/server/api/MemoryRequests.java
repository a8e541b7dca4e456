package dev.embedgate.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedgate.error.InvalidRequestException;
import dev.embedgate.memory.FilterParser;
import dev.embedgate.memory.MemoryFilter;
import dev.embedgate.memory.MemoryPatch;
import dev.embedgate.memory.Metadata;
import dev.embedgate.memory.NewMemory;
import dev.embedgate.memory.RecallMode;
import dev.embedgate.memory.RecallRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the memory API's request bodies into the memory service's records; every mistake is a 400 naming the field.
 * Unknown fields are ignored, as the embeddings API does.
 */
final class MemoryRequests {

    /** Longest query vector accepted: more dimensions than any model answers with. */
    static final int MAX_VECTOR_LENGTH = 16_384;

    private final ObjectMapper json;

    MemoryRequests(ObjectMapper json) {
        this.json = json;
    }

    /** What {@code POST /v1/memories} saves: a {@code memories} array, or one memory's fields at the top level. */
    record Save(List<NewMemory> memories, boolean single, boolean embedNow) {
    }

    Save save(JsonNode root) {
        String namespace = JsonFields.string(root, "namespace", "namespace");
        boolean embedNow = embedNow(JsonFields.string(root, "embed", "embed"));
        JsonNode batch = root.get("memories");
        if (batch == null || batch.isNull()) {
            if (root.get("content") == null) {
                throw new InvalidRequestException("send 'content' (one memory) or 'memories' (an array of them)",
                        "content", "missing_field");
            }
            return new Save(List.of(memory(root, namespace, "")), true, embedNow);
        }
        if (!batch.isArray()) {
            throw new InvalidRequestException("'memories' must be an array, not " + JsonTypes.name(batch), "memories",
                    "invalid_type");
        }
        var memories = new ArrayList<NewMemory>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            JsonNode each = batch.get(i);
            String at = "memories[" + i + "]";
            if (!each.isObject()) {
                throw new InvalidRequestException("'" + at + "' must be an object, not " + JsonTypes.name(each), at,
                        "invalid_type");
            }
            memories.add(memory(each, namespace, at + "."));
        }
        return new Save(memories, false, embedNow);
    }

    private NewMemory memory(JsonNode node, String namespace, String at) {
        String content = JsonFields.string(node, "content", at + "content");
        if (content == null) {
            throw new InvalidRequestException("'" + at + "content' is required", at + "content", "missing_field");
        }
        String own = JsonFields.string(node, "namespace", at + "namespace");
        return new NewMemory(own != null ? own : namespace, JsonFields.string(node, "id", at + "id"), content,
                metadata(node, at + "metadata"), JsonFields.number(node, "importance", at + "importance"));
    }

    private Metadata metadata(JsonNode node, String param) {
        JsonNode metadata = JsonFields.object(node, "metadata", param);
        if (metadata == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> values = json.convertValue(metadata, Map.class);
        try {
            return new Metadata(values);
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException(e.getMessage().replaceFirst("^metadata", param), param, e.code());
        }
    }

    MemoryPatch patch(JsonNode root) {
        Metadata metadata = metadata(root, "metadata");
        Double importance = JsonFields.number(root, "importance", "importance");
        if (metadata == null && importance == null) {
            throw new InvalidRequestException("send 'metadata' or 'importance' to change; content cannot be patched "
                    + "(save the memory again with its id)", null, "missing_field");
        }
        if (importance != null && !(importance >= 0 && importance <= 1)) {
            throw new InvalidRequestException("'importance' must be within 0..1", "importance", "invalid_importance");
        }
        return new MemoryPatch(metadata, importance);
    }

    MemoryFilter filter(JsonNode root) {
        JsonNode filter = root.get("filter");
        if (filter != null && !filter.isNull() && !filter.isObject()) {
            throw new InvalidRequestException("'filter' must be an object, not " + JsonTypes.name(filter), "filter",
                    "invalid_type");
        }
        return FilterParser.parse(filter);
    }

    RecallRequest recall(JsonNode root) {
        Integer k = JsonFields.integer(root, "k", "k");
        Double minScore = JsonFields.number(root, "min_score", "min_score");
        return new RecallRequest(JsonFields.string(root, "namespace", "namespace"),
                JsonFields.string(root, "query", "query"), vector(root.get("vector")),
                JsonFields.string(root, "space", "space"), k == null ? RecallRequest.DEFAULT_K : k,
                minScore == null ? -1 : minScore, filter(root), mode(JsonFields.string(root, "mode", "mode")),
                allSpaces(JsonFields.string(root, "spaces", "spaces")), weights(root), boosts(root));
    }

    private static float[] vector(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray() || node.isEmpty() || node.size() > MAX_VECTOR_LENGTH) {
            throw new InvalidRequestException("'vector' must be an array of 1.." + MAX_VECTOR_LENGTH + " numbers",
                    "vector", "invalid_vector");
        }
        float[] vector = new float[node.size()];
        for (int i = 0; i < vector.length; i++) {
            JsonNode value = node.get(i);
            if (!value.isNumber() || !Float.isFinite(value.floatValue())) {
                throw new InvalidRequestException("'vector[" + i + "]' must be a finite number", "vector[" + i + "]",
                        "invalid_vector");
            }
            vector[i] = value.floatValue();
        }
        return vector;
    }

    private static RecallMode mode(String mode) {
        if (mode == null) {
            return RecallMode.VECTOR;
        }
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "vector" -> RecallMode.VECTOR;
            case "keyword" -> RecallMode.KEYWORD;
            case "hybrid" -> RecallMode.HYBRID;
            default -> throw new InvalidRequestException("'mode' must be vector, keyword or hybrid, not '" + mode + "'",
                    "mode", "invalid_value");
        };
    }

    private static boolean allSpaces(String spaces) {
        if (spaces == null || spaces.equals("active")) {
            return false;
        }
        if (spaces.equals("all")) {
            return true;
        }
        throw new InvalidRequestException("'spaces' must be \"active\" (the namespace's active space) or \"all\"",
                "spaces", "invalid_value");
    }

    private static RecallRequest.Weights weights(JsonNode root) {
        JsonNode node = JsonFields.object(root, "weights", "weights");
        if (node == null) {
            return RecallRequest.Weights.DEFAULT;
        }
        var defaults = RecallRequest.Weights.DEFAULT;
        double vector = Objects.requireNonNullElse(JsonFields.number(node, "vector", "weights.vector"), defaults.vector());
        double keyword = Objects.requireNonNullElse(JsonFields.number(node, "keyword", "weights.keyword"),
                defaults.keyword());
        int rankConstant = Objects.requireNonNullElse(JsonFields.integer(node, "rank_constant",
                "weights.rank_constant"), defaults.rankConstant());
        try {
            return new RecallRequest.Weights(vector, keyword, rankConstant);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("'weights': " + e.getMessage(), "weights", "invalid_value");
        }
    }

    private static RecallRequest.Boosts boosts(JsonNode root) {
        JsonNode node = JsonFields.object(root, "boosts", "boosts");
        if (node == null) {
            return RecallRequest.Boosts.NONE;
        }
        double importance = Objects.requireNonNullElse(JsonFields.number(node, "importance", "boosts.importance"), 0.0);
        double recency = Objects.requireNonNullElse(JsonFields.number(node, "recency", "boosts.recency"), 0.0);
        Double halfLifeDays = JsonFields.number(node, "half_life_days", "boosts.half_life_days");
        Duration halfLife = halfLifeDays == null ? RecallRequest.Boosts.NONE.halfLife()
                : Duration.ofMillis((long) Math.min(halfLifeDays * 86_400_000d, 1e15));
        try {
            return new RecallRequest.Boosts(importance, recency, halfLife);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("'boosts': " + e.getMessage(), "boosts", "invalid_value");
        }
    }

    private static boolean embedNow(String embed) {
        if (embed == null || embed.equals("now")) {
            return true;
        }
        if (embed.equals("background")) {
            return false;
        }
        throw new InvalidRequestException("'embed' must be \"now\" (while you wait) or \"background\"", "embed",
                "invalid_value");
    }
}
