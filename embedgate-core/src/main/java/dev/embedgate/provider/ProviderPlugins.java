package dev.embedgate.provider;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** The provider kinds found on the class path, by configuration name. Immutable. */
public final class ProviderPlugins {

    private final Map<String, ProviderPlugin> byKind = new LinkedHashMap<>();

    public ProviderPlugins(List<ProviderPlugin> plugins) {
        for (ProviderPlugin plugin : plugins) {
            if (byKind.put(plugin.kind(), plugin) != null) {
                throw new IllegalStateException("two provider plug-ins call themselves '" + plugin.kind() + "'");
            }
        }
    }

    /** Every plug-in {@link ServiceLoader} finds. */
    public static ProviderPlugins discovered() {
        var plugins = new ArrayList<ProviderPlugin>();
        ServiceLoader.load(ProviderPlugin.class).forEach(plugins::add);
        return new ProviderPlugins(plugins);
    }

    public Optional<ProviderPlugin> find(String kind) {
        return Optional.ofNullable(byKind.get(kind.strip().toLowerCase(Locale.ROOT)));
    }

    /** @throws IllegalArgumentException naming the kinds there are */
    public ProviderPlugin require(String kind) {
        return find(kind).orElseThrow(() -> new IllegalArgumentException("'" + kind
                + "' is not a provider kind; kinds: " + String.join(", ", kinds())));
    }

    /** The configuration names, in discovery order. */
    public List<String> kinds() {
        return List.copyOf(byKind.keySet());
    }

    /** The kinds the environment can reach, in the order {@code auto} tries them. */
    public List<ProviderPlugin> reachableFromEnvironment() {
        return byKind.values().stream().filter(plugin -> plugin.environment().isPresent())
                .sorted(Comparator.comparingInt(plugin -> plugin.environment().orElseThrow().autoOrder()))
                .collect(Collectors.toList());
    }

    /** Every plug-in's known models. */
    public RemoteModelCatalog catalog() {
        return new RemoteModelCatalog(byKind.values().stream().flatMap(plugin -> plugin.knownModels().stream())
                .toList());
    }
}
