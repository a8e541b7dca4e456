package dev.embedgate.provider;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One setting that the environment may hold under several names (the conventions of different tools and teams, such
 * as {@code HUGGINGFACE_API_KEY}, {@code HF_TOKEN} and {@code HF_API_KEY}), in precedence order: the first one that
 * is set wins. Blank values count as unset, as everywhere in {@link ProviderEnvironment}.
 *
 * @param names the variable names, highest precedence first
 */
public record SynonymousVariables(List<String> names) {

    public SynonymousVariables {
        names = List.copyOf(names);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a setting needs at least one variable name");
        }
    }

    public static SynonymousVariables of(String... names) {
        return new SynonymousVariables(List.of(names));
    }

    /** The name of the first variable that is set, if any is. */
    public Optional<String> setName(ProviderEnvironment environment) {
        return names.stream().filter(name -> environment.value(name).isPresent()).findFirst();
    }

    /** The value of the first variable that is set. */
    public Optional<String> value(ProviderEnvironment environment) {
        return setName(environment).flatMap(environment::value);
    }

    /**
     * The variables that are set to something else than the one that wins, and so are ignored: what start-up names
     * (names only: their values may be secrets).
     */
    public List<String> ignored(ProviderEnvironment environment) {
        Optional<String> winner = value(environment);
        return names.stream().filter(name -> environment.value(name).filter(value -> !Objects.equals(value,
                winner.orElseThrow())).isPresent()).toList();
    }

    /** The names as a message lists them: {@code HUGGINGFACE_API_KEY or HF_TOKEN or HF_API_KEY}. */
    public String describe() {
        return String.join(" or ", names);
    }
}
