package dev.embedgate.server.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;

/** Reads {@link GatewayConfig} from a YAML file; no file means the embedded default. */
public final class ConfigLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .registerModule(new SimpleModule().addDeserializer(Duration.class, new DurationText()));

    private ConfigLoader() {
    }

    public static GatewayConfig load(Path file) {
        if (file == null) {
            return GatewayConfig.DEFAULT;
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("configuration file " + file + " does not exist");
        }
        try {
            GatewayConfig config = YAML.readValue(file.toFile(), GatewayConfig.class);
            return config == null ? GatewayConfig.DEFAULT : config;
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException("configuration file " + file + ": unknown key '" + path(e) + "'; known keys here: "
                    + e.getKnownPropertyIds().stream().map(Object::toString).collect(Collectors.joining(", ")), e);
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof ConfigException config) {
                throw new ConfigException("configuration file " + file + ": " + config.getMessage(), e);
            }
            throw new ConfigException("configuration file " + file + ": key '" + path(e) + "' has the wrong type: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException("configuration file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
