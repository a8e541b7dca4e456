package dev.embedgate.memory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.error.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a filter written in the JSON form that Chroma, Pinecone and LangChain use:
 * <pre>
 * {"topic": "billing"}                                   equality (implicit $eq)
 * {"year": {"$gte": 2020, "$lt": 2024}}                  ranges: $gt $gte $lt $lte (numbers)
 * {"lang": {"$in": ["en", "fr"]}}                        $in $nin, $eq $ne
 * {"source": {"$exists": true}}                          present and not null
 * {"$or": [{...}, {...}]}  {"$and": [...]}  {"$not": {...}}
 * </pre>
 * Several keys in one object must all hold. Every mistake is an {@link InvalidRequestException} on {@code filter}
 * that names the path at fault; the result is a {@link MemoryFilter} tree, which stores bind as data.
 */
public final class FilterParser {

    public static final int MAX_DEPTH = 12;
    public static final int MAX_CONDITIONS = 512;
    public static final int MAX_IN_VALUES = 1_024;

    private int conditions;

    private FilterParser() {
    }

    /** The filter in {@code node}; null or an empty object match every memory. */
    public static MemoryFilter parse(JsonNode node) {
        if (node == null || node.isNull()) {
            return MemoryFilter.ALL;
        }
        return new FilterParser().object(node, "filter", 1);
    }

    private MemoryFilter object(JsonNode node, String path, int depth) {
        if (!node.isObject()) {
            throw invalid(path + " must be an object");
        }
        if (depth > MAX_DEPTH) {
            throw invalid("filter is nested deeper than " + MAX_DEPTH + " levels");
        }
        var all = new ArrayList<MemoryFilter>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            all.add(clause(field.getKey(), field.getValue(), path, depth));
        }
        return all.size() == 1 ? all.getFirst() : new MemoryFilter.And(all);
    }

    private MemoryFilter clause(String key, JsonNode value, String path, int depth) {
        count(path);
        String at = path + "." + key;
        return switch (key) {
            case "$and" -> new MemoryFilter.And(list(value, at, depth));
            case "$or" -> {
                List<MemoryFilter> any = list(value, at, depth);
                if (any.isEmpty()) {
                    throw invalid(at + " needs at least one condition");
                }
                yield new MemoryFilter.Or(any);
            }
            case "$not" -> new MemoryFilter.Not(object(value, at, depth + 1));
            default -> {
                if (key.startsWith("$")) {
                    throw invalid(at + ": unknown operator " + key + "; use $and, $or or $not here, "
                            + "or a metadata key");
                }
                if (key.length() > Metadata.MAX_KEY_LENGTH) {
                    throw invalid(path + ": keys are at most " + Metadata.MAX_KEY_LENGTH + " characters");
                }
                yield value.isObject() ? operators(key, value, at) : new MemoryFilter.Equals(key, scalar(value, at));
            }
        };
    }

    private List<MemoryFilter> list(JsonNode value, String path, int depth) {
        if (!value.isArray()) {
            throw invalid(path + " must be an array of filters");
        }
        var filters = new ArrayList<MemoryFilter>(value.size());
        for (int i = 0; i < value.size(); i++) {
            filters.add(object(value.get(i), path + "[" + i + "]", depth + 1));
        }
        return filters;
    }

    private MemoryFilter operators(String key, JsonNode node, String path) {
        if (node.isEmpty()) {
            throw invalid(path + " needs an operator: $eq $ne $in $nin $gt $gte $lt $lte $exists");
        }
        var all = new ArrayList<MemoryFilter>();
        Double min = null;
        Double max = null;
        boolean minInclusive = false;
        boolean maxInclusive = false;
        for (Map.Entry<String, JsonNode> op : node.properties()) {
            count(path);
            String at = path + "." + op.getKey();
            JsonNode value = op.getValue();
            switch (op.getKey()) {
                case "$eq" -> all.add(new MemoryFilter.Equals(key, scalar(value, at)));
                case "$ne" -> all.add(new MemoryFilter.Not(new MemoryFilter.Equals(key, scalar(value, at))));
                case "$in" -> all.add(new MemoryFilter.In(key, scalars(value, at)));
                case "$nin" -> all.add(new MemoryFilter.Not(new MemoryFilter.In(key, scalars(value, at))));
                case "$gt", "$gte" -> {
                    if (min != null) {
                        throw invalid(path + " has two lower bounds");
                    }
                    min = number(value, at);
                    minInclusive = op.getKey().equals("$gte");
                }
                case "$lt", "$lte" -> {
                    if (max != null) {
                        throw invalid(path + " has two upper bounds");
                    }
                    max = number(value, at);
                    maxInclusive = op.getKey().equals("$lte");
                }
                case "$exists" -> {
                    if (!value.isBoolean()) {
                        throw invalid(at + " must be true or false");
                    }
                    MemoryFilter exists = new MemoryFilter.Exists(key);
                    all.add(value.booleanValue() ? exists : new MemoryFilter.Not(exists));
                }
                default -> throw invalid(at + ": unknown operator; use $eq $ne $in $nin $gt $gte $lt $lte $exists");
            }
        }
        if (min != null || max != null) {
            all.add(new MemoryFilter.Range(key, min, minInclusive, max, maxInclusive));
        }
        return all.size() == 1 ? all.getFirst() : new MemoryFilter.And(all);
    }

    private List<Object> scalars(JsonNode value, String path) {
        if (!value.isArray() || value.isEmpty()) {
            throw invalid(path + " must be a non-empty array of strings, numbers or booleans");
        }
        if (value.size() > MAX_IN_VALUES) {
            throw invalid(path + " has more than " + MAX_IN_VALUES + " values");
        }
        var values = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            values.add(scalar(value.get(i), path + "[" + i + "]"));
        }
        return values;
    }

    private static Object scalar(JsonNode value, String path) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isNumber()) {
            return number(value, path);
        }
        throw invalid(path + " must be a string, a number or a boolean");
    }

    private static Double number(JsonNode value, String path) {
        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
            throw invalid(path + " must be a finite number");
        }
        return value.doubleValue();
    }

    private void count(String path) {
        if (++conditions > MAX_CONDITIONS) {
            throw invalid("filter has more than " + MAX_CONDITIONS + " conditions");
        }
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(message, "filter", "invalid_filter");
    }
}
