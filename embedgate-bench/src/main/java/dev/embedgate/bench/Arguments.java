package dev.embedgate.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command line of {@code --flag} and {@code --option value} words, checked against the options a command
 * knows, read with defaults and with messages that name the option and what it takes.
 */
final class Arguments {

    private final Set<String> flags;
    private final Map<String, String> values;

    private Arguments(Set<String> flags, Map<String, String> values) {
        this.flags = flags;
        this.values = values;
    }

    /**
     * @param knownFlags   options that stand alone
     * @param knownOptions options followed by a value
     * @throws IllegalArgumentException for an unknown option or a missing value
     */
    static Arguments parse(String[] args, Set<String> knownFlags, Set<String> knownOptions) {
        var flags = new HashSet<String>();
        var values = new HashMap<String, String>();
        for (int i = 0; i < args.length; i++) {
            String word = args[i];
            if (knownFlags.contains(word)) {
                flags.add(word);
            } else if (knownOptions.contains(word)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(word + " needs a value");
                }
                values.put(word, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option '" + word + "'");
            }
        }
        return new Arguments(flags, values);
    }

    boolean has(String option) {
        return flags.contains(option) || values.containsKey(option);
    }

    String text(String option, String otherwise) {
        return values.getOrDefault(option, otherwise);
    }

    Path path(String option, Path otherwise) {
        return values.containsKey(option) ? Path.of(values.get(option)) : otherwise;
    }

    int positive(String option, int otherwise) {
        return values.containsKey(option) ? positiveNumber(option, values.get(option)) : otherwise;
    }

    /** The option's value split at whitespace (JVM options, say); {@code otherwise} when not given. */
    List<String> words(String option, List<String> otherwise) {
        if (!values.containsKey(option)) {
            return otherwise;
        }
        return Arrays.stream(values.get(option).trim().split("\\s+")).filter(word -> !word.isEmpty()).toList();
    }

    /** A whole number of 0 or more. */
    int nonNegative(String option, int otherwise) {
        if (!values.containsKey(option)) {
            return otherwise;
        }
        try {
            int number = Integer.parseInt(values.get(option).trim());
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new IllegalArgumentException(option + " needs a whole number of 0 or more, got '" + values.get(option)
                + "'");
    }

    /** A number more than 0 and at most {@code max}. */
    double decimal(String option, double max, double otherwise) {
        if (!values.containsKey(option)) {
            return otherwise;
        }
        try {
            double number = Double.parseDouble(values.get(option).trim());
            if (number > 0 && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new IllegalArgumentException(option + " needs a number more than 0 and at most " + max + ", got '"
                + values.get(option) + "'");
    }

    /** A comma-separated list of positive whole numbers; {@code count} of them unless it is 0. */
    List<Integer> positives(String option, int count, List<Integer> otherwise) {
        if (!values.containsKey(option)) {
            return otherwise;
        }
        var numbers = new ArrayList<Integer>();
        for (String part : values.get(option).split(",")) {
            numbers.add(positiveNumber(option, part));
        }
        if (count > 0 && numbers.size() != count) {
            throw new IllegalArgumentException(option + " takes " + count + " comma-separated numbers, got '"
                    + values.get(option) + "'");
        }
        return List.copyOf(numbers);
    }

    static int positiveNumber(String option, String value) {
        try {
            int number = Integer.parseInt(value.trim());
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new IllegalArgumentException(option + " needs a positive whole number, got '" + value + "'");
    }
}
