package dev.embedgate.testkit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How a {@link ProviderSimulator} runs.
 *
 * @param port    TCP port on 127.0.0.1; 0 picks a free one
 * @param seed    seeds the random faults, so that a run repeats
 * @param apiKeys keys the keyed routes (OpenAI, Hugging Face, Cohere) accept; empty accepts any non-empty key
 * @param faults  faults per route; a route not listed has none
 */
public record SimulatorConfig(int port, long seed, List<String> apiKeys, Map<Route, Faults> faults) {

    public static final long DEFAULT_SEED = 42;

    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    public SimulatorConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 (any free port) and 65535, got " + port);
        }
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
        if (apiKeys.stream().anyMatch(key -> key == null || key.isBlank())) {
            throw new IllegalArgumentException("apiKeys must not contain empty keys");
        }
        var copy = new EnumMap<Route, Faults>(Route.class);
        if (faults != null) {
            faults.forEach((route, routeFaults) -> copy.put(route, routeFaults == null ? Faults.NONE : routeFaults));
        }
        faults = Map.copyOf(copy);
    }

    /** Any free port, seed 42, any non-empty key, no faults. */
    public static SimulatorConfig defaults() {
        return new SimulatorConfig(0, DEFAULT_SEED, List.of(), Map.of());
    }

    /** This config on another port. */
    public SimulatorConfig withPort(int newPort) {
        return new SimulatorConfig(newPort, seed, apiKeys, faults);
    }

    /** This config with one route's faults replaced. */
    public SimulatorConfig withFaults(Route route, Faults routeFaults) {
        var copy = new EnumMap<Route, Faults>(Route.class);
        copy.putAll(faults);
        copy.put(route, routeFaults);
        return new SimulatorConfig(port, seed, apiKeys, copy);
    }

    /** This route's faults, {@link Faults#NONE} if none were set. */
    public Faults faultsFor(Route route) {
        return faults.getOrDefault(route, Faults.NONE);
    }

    /**
     * Reads a YAML file: {@code port}, {@code seed}, {@code apiKeys} and {@code faults} keyed by route name
     * ({@code openai}, {@code huggingface}, {@code tei}, {@code cohere}, {@code ollama}). Keys left out take
     * the {@link #defaults()}; an empty file is the defaults.
     *
     * @throws IllegalArgumentException naming the file and the key at fault
     */
    public static SimulatorConfig load(Path yaml) {
        if (!Files.isRegularFile(yaml)) {
            throw new IllegalArgumentException("simulator config " + yaml + " does not exist");
        }
        try {
            if (Files.readString(yaml).isBlank()) {
                return defaults();
            }
            FileShape file = YAML.readValue(yaml.toFile(), FileShape.class);
            return file == null ? defaults() : file.toConfig();
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException("simulator config " + yaml + ": unknown key '" + path(e)
                    + "'; known keys here: " + e.getKnownPropertyIds().stream().map(Object::toString)
                    .sorted().collect(Collectors.joining(", ")), e);
        } catch (JsonMappingException e) {
            String reason = e.getCause() instanceof IllegalArgumentException cause ? cause.getMessage() : e.getOriginalMessage();
            throw new IllegalArgumentException("simulator config " + yaml + ": key '" + path(e) + "': " + reason, e);
        } catch (IOException e) {
            throw new IllegalArgumentException("simulator config " + yaml + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** The file's shape: every key optional, so that left-out keys take the defaults rather than zero. */
    private record FileShape(Integer port, Long seed, List<String> apiKeys, Map<Route, Faults> faults) {
        SimulatorConfig toConfig() {
            return new SimulatorConfig(port == null ? 0 : port, seed == null ? DEFAULT_SEED : seed, apiKeys, faults);
        }
    }
}
