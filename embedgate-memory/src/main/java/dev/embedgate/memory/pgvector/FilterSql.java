package dev.embedgate.memory.pgvector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedgate.memory.MemoryFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link MemoryFilter} as a SQL condition on the memories row {@code m}, with every key and value bound. Each
 * condition is true or false, never null, so that {@code NOT} means "does not match":
 * <ul>
 *   <li>equality and {@code $in}: {@code m.metadata @> ANY (?::jsonb[])}, the value itself or a list holding it
 *       ({@code {"k": v}} or {@code {"k": [v]}}); jsonb compares numbers by value and never equals a string to a
 *       boolean or a number; served by the GIN index on metadata;</li>
 *   <li>ranges: a bound jsonpath that compares numbers only, the value or the number elements of a list;</li>
 *   <li>exists: the key is present with a value other than JSON null.</li>
 * </ul>
 * A key or value holding U+0000 matches nothing: no memory can hold one.
 *
 * @param sql        the condition, with one {@code ?} per parameter
 * @param parameters in order
 */
record FilterSql(String sql, List<Object> parameters) {

    private static final ObjectMapper JSON = new ObjectMapper();

    FilterSql {
        parameters = List.copyOf(parameters);
    }

    static FilterSql of(MemoryFilter filter) {
        var sql = new StringBuilder();
        var parameters = new ArrayList<>();
        append(filter, sql, parameters);
        return new FilterSql(sql.toString(), parameters);
    }

    private static void append(MemoryFilter filter, StringBuilder sql, List<Object> parameters) {
        switch (filter) {
            case MemoryFilter.Equals equals -> containsAny(equals.key(), List.of(equals.value()), sql, parameters);
            case MemoryFilter.In in -> containsAny(in.key(), in.values(), sql, parameters);
            case MemoryFilter.Range range when holdsNul(range.key()) -> sql.append("FALSE");
            case MemoryFilter.Exists exists when holdsNul(exists.key()) -> sql.append("FALSE");
            case MemoryFilter.Range range -> {
                sql.append("coalesce(jsonb_path_exists(m.metadata -> ?, ?::jsonpath, ?::jsonb), false)");
                parameters.add(range.key());
                parameters.add(rangePath(range));
                parameters.add(json(rangeBounds(range)));
            }
            case MemoryFilter.Exists exists -> {
                sql.append("coalesce(jsonb_typeof(m.metadata -> ?), 'null') <> 'null'");
                parameters.add(exists.key());
            }
            case MemoryFilter.And and -> join(and.all(), " AND ", "TRUE", sql, parameters);
            case MemoryFilter.Or or -> join(or.any(), " OR ", "FALSE", sql, parameters);
            case MemoryFilter.Not not -> {
                sql.append("NOT ");
                join(List.of(not.negated()), "", "", sql, parameters);
            }
        }
    }

    private static void join(List<MemoryFilter> filters, String operator, String empty, StringBuilder sql,
                             List<Object> parameters) {
        if (filters.isEmpty()) {
            sql.append(empty);
            return;
        }
        sql.append('(');
        for (int i = 0; i < filters.size(); i++) {
            if (i > 0) {
                sql.append(operator);
            }
            append(filters.get(i), sql, parameters);
        }
        sql.append(')');
    }

    /** The key holds one of the values, or a list holding one: one containment test per form, in one array. */
    private static void containsAny(String key, List<Object> values, StringBuilder sql, List<Object> parameters) {
        List<Object> storable = values.stream().filter(value -> !holdsNul(key) && !holdsNul(value)).toList();
        if (storable.isEmpty()) {
            sql.append("FALSE");
            return;
        }
        var forms = new String[storable.size() * 2];
        for (int i = 0; i < storable.size(); i++) {
            forms[2 * i] = json(Map.of(key, storable.get(i)));
            forms[2 * i + 1] = json(Map.of(key, List.of(storable.get(i))));
        }
        sql.append("m.metadata @> ANY (?::jsonb[])");
        parameters.add(forms);
    }

    /** PostgreSQL stores no U+0000 (the store refuses it), so a key or value holding one matches nothing. */
    private static boolean holdsNul(Object value) {
        return value instanceof String text && text.indexOf(0) >= 0;
    }

    /**
     * Strict mode, so that nothing is unwrapped behind our back: a number within the bounds, or a list with a number
     * element within them (a nested list is not a number).
     */
    private static String rangePath(MemoryFilter.Range range) {
        var number = new StringBuilder("@.type() == \"number\"");
        if (range.min() != null) {
            number.append(range.minInclusive() ? " && @ >= $min" : " && @ > $min");
        }
        if (range.max() != null) {
            number.append(range.maxInclusive() ? " && @ <= $max" : " && @ < $max");
        }
        return "strict $ ? ((" + number + ") || (@.type() == \"array\" && exists (@[*] ? (" + number + "))))";
    }

    private static Map<String, Object> rangeBounds(MemoryFilter.Range range) {
        var bounds = new LinkedHashMap<String, Object>();
        if (range.min() != null) {
            bounds.put("min", range.min());
        }
        if (range.max() != null) {
            bounds.put("max", range.max());
        }
        return bounds;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("filter values are JSON scalars", e);
        }
    }
}
