package dev.embedgate.server.config;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.embedgate.provider.ProviderEnvironment;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Environment variables in the values of a configuration: {@code ${NAME}} is the variable's value,
 * {@code ${NAME:-default}} the default when it is unset or empty, and {@code $${} a literal {@code ${}. Only string
 * values are expanded (so a port is written {@code port: ${PORT}}; the result is read as the key's type); keys never
 * are. A variable that is unset, without a default, stops start-up naming it. The values the environment gave are
 * remembered, so that error messages can show the variable's name in their place ({@link #hide}): they may be
 * secrets.
 */
final class ConfigVariables {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Values shorter than this are not hidden: too short to be secrets, and they would match inside other words. */
    private static final int SHORTEST_HIDDEN = 4;

    private final ProviderEnvironment environment;
    private final Map<String, String> expandedValues = new HashMap<>();

    ConfigVariables(ProviderEnvironment environment) {
        this.environment = environment;
    }

    /**
     * Expands every string value of {@code tree} in place.
     *
     * @param where how a problem at a path is introduced (its file, line and column)
     * @throws ConfigException naming the variable that is not set, or the reference that is malformed
     */
    void expand(JsonNode tree, Function<JsonPointer, String> where) {
        expand(tree, JsonPointer.empty(), where);
    }

    private void expand(JsonNode node, JsonPointer path, Function<JsonPointer, String> where) {
        if (node instanceof ObjectNode object) {
            for (String name : object.properties().stream().map(Map.Entry::getKey).toList()) {
                JsonPointer child = path.appendProperty(name);
                expanded(object.get(name), child, where).ifPresentOrElse(text -> object.put(name, text),
                        () -> expand(object.get(name), child, where));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonPointer child = path.appendIndex(i);
                int index = i;
                expanded(array.get(i), child, where).ifPresentOrElse(text -> array.set(index, text),
                        () -> expand(array.get(index), child, where));
            }
        }
    }

    /** The text a string value becomes, when it is a string. */
    private Optional<String> expanded(JsonNode node, JsonPointer path, Function<JsonPointer, String> where) {
        return node instanceof TextNode text ? Optional.of(expand(text.textValue(), path, where)) : Optional.empty();
    }

    private String expand(String text, JsonPointer path, Function<JsonPointer, String> where) {
        var out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    throw problem(where, path, "'${' is not closed by '}' (write $${ for a literal ${)");
                }
                out.append(resolve(text.substring(i + 2, end), path, where));
                i = end + 1;
            } else {
                out.append(text.charAt(i));
                i++;
            }
        }
        return out.toString();
    }

    private String resolve(String reference, JsonPointer path, Function<JsonPointer, String> where) {
        int separator = reference.indexOf(":-");
        String name = separator < 0 ? reference : reference.substring(0, separator);
        if (!NAME.matcher(name).matches()) {
            throw problem(where, path, "'${" + name + "}' does not name a variable (letters, digits and _, not "
                    + "starting with a digit); write $${ for a literal ${");
        }
        Optional<String> value = environment.value(name);
        if (value.isPresent()) {
            expandedValues.put(value.get(), name);
            return value.get();
        }
        if (separator >= 0) {
            return reference.substring(separator + 2);
        }
        throw problem(where, path, "the variable " + name + " is not set; set it, or give a default: ${" + name
                + ":-value}");
    }

    private static ConfigException problem(Function<JsonPointer, String> where, JsonPointer path, String problem) {
        return new ConfigException(where.apply(path) + "key '" + ConfigFile.keyName(path) + "': " + problem);
    }

    /** The text with every value a variable gave replaced by the variable's reference, {@code ${NAME}}. */
    String hide(String text) {
        String hidden = text;
        for (Map.Entry<String, String> expanded : expandedValues.entrySet().stream()
                .filter(entry -> entry.getKey().length() >= SHORTEST_HIDDEN)
                .sorted(Comparator.comparingInt((Map.Entry<String, String> entry) -> entry.getKey().length())
                        .reversed())
                .toList()) {
            hidden = hidden.replace(expanded.getKey(), "${" + expanded.getValue() + "}");
        }
        return hidden;
    }
}
