package dev.embedgate.memory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedgate.error.InvalidRequestException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A memory's metadata: a JSON object, held as an unmodifiable deep copy whose values are {@code String},
 * {@code Long}, {@code Double}, {@code Boolean}, {@code null}, lists and maps of these. Filters look at top-level
 * keys only ({@link #scalars}); nested values are kept and returned as they were saved.
 *
 * @param values the top-level keys and their values, in the order they were given
 */
public record Metadata(Map<String, Object> values) {

    public static final Metadata EMPTY = new Metadata(Map.of());

    /** Keys longer than this are refused: they are field names in the stores' indexes. */
    public static final int MAX_KEY_LENGTH = 256;
    private static final int MAX_DEPTH = 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    public Metadata {
        values = copyObject(values == null ? Map.of() : values, 1);
    }

    /** Parses a JSON object; anything else is refused with a message naming {@code metadata}. */
    public static Metadata fromJson(String json) {
        try {
            Object parsed = JSON.readValue(json, Object.class);
            if (!(parsed instanceof Map<?, ?> map)) {
                throw invalid("metadata must be a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) map;
            return new Metadata(object);
        } catch (JsonProcessingException e) {
            throw invalid("metadata is not valid JSON: " + e.getOriginalMessage());
        }
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metadata holds only JSON values", e);
        }
    }

    /**
     * The scalar values a filter on {@code key} matches: the value itself when it is a string, number or boolean,
     * the scalar elements when it is a list, none otherwise (absent, null, an object).
     */
    public List<Object> scalars(String key) {
        Object value = values.get(key);
        if (value instanceof List<?> list) {
            return list.stream().filter(Metadata::isScalar).map(Object.class::cast).toList();
        }
        return isScalar(value) ? List.of(value) : List.of();
    }

    private static boolean isScalar(Object value) {
        return value instanceof String || value instanceof Long || value instanceof Double || value instanceof Boolean;
    }

    private static Map<String, Object> copyObject(Map<?, ?> object, int depth) {
        var copy = new LinkedHashMap<String, Object>();
        for (var entry : object.entrySet()) {
            if (!(entry.getKey() instanceof String key) || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
                throw invalid("metadata keys must be non-empty strings of at most " + MAX_KEY_LENGTH + " characters");
            }
            copy.put(withoutNul(key), copyValue(entry.getValue(), depth));
        }
        return Collections.unmodifiableMap(copy);
    }

    private static Object copyValue(Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw invalid("metadata is nested deeper than " + MAX_DEPTH + " levels");
        }
        return switch (value) {
            case null -> null;
            case String text -> withoutNul(text);
            case Boolean flag -> flag;
            case Integer number -> number.longValue();
            case Long number -> number;
            case Short number -> number.longValue();
            case BigInteger number when number.bitLength() < 64 -> number.longValue();
            case Float number -> finite(number.doubleValue());
            case Double number -> finite(number);
            case BigDecimal number -> finite(number.doubleValue());
            case BigInteger number -> finite(number.doubleValue());
            case Map<?, ?> object -> copyObject(object, depth + 1);
            case List<?> list -> {
                var copy = new ArrayList<>(list.size());
                for (Object element : list) {
                    copy.add(copyValue(element, depth + 1));
                }
                yield Collections.unmodifiableList(copy);
            }
            default -> throw invalid("metadata values must be JSON values, not " + value.getClass().getSimpleName());
        };
    }

    /** PostgreSQL's text and jsonb cannot hold U+0000, so no store takes it. */
    private static String withoutNul(String text) {
        if (text.indexOf('\u0000') >= 0) {
            throw invalid("metadata strings must not contain the character U+0000");
        }
        return text;
    }

    private static Double finite(double number) {
        if (!Double.isFinite(number)) {
            throw invalid("metadata numbers must be finite");
        }
        return number;
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(message, "metadata", "invalid_metadata");
    }
}
