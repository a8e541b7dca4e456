package dev.embedgate.server.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads {@link GatewayConfig} from a YAML file; no file means the embedded default. Every problem with the file is
 * one line that names the file, the line and column where they are known, and what is wrong: YAML syntax, a key
 * given twice, an unknown key, a value of the wrong type, an empty file.
 */
public final class ConfigLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .registerModule(new SimpleModule().addDeserializer(Duration.class, new DurationText()));

    private ConfigLoader() {
    }

    public static GatewayConfig load(Path file) {
        if (file == null) {
            return GatewayConfig.DEFAULT;
        }
        if (Files.isDirectory(file)) {
            throw new ConfigException("configuration file " + file + " is a directory; --config takes a YAML file");
        }
        if (!Files.exists(file)) {
            throw new ConfigException("configuration file " + file + " does not exist");
        }
        try (JsonParser parser = YAML.createParser(file.toFile())) {
            JsonToken first = parser.nextToken();
            // A file given explicitly that holds nothing is a mistake (an emptied deploy, the wrong file): running on
            // the defaults instead would drop whatever it used to say, API-key auth included.
            if (first == null || first == JsonToken.VALUE_NULL) {
                throw new ConfigException("configuration file " + file + " holds no settings; leave out --config to run "
                        + "on the embedded default");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new ConfigException(at(file, parser.currentTokenLocation()) + "the top level must be a mapping "
                        + "of sections (server:, models:, store:, ...), not " + describe(first));
            }
            return YAML.readValue(parser, GatewayConfig.class);
        } catch (ConfigException e) {
            throw e;
        } catch (JsonProcessingException e) {
            throw new ConfigException(problem(file, e), e);
        } catch (IOException e) {
            throw new ConfigException("configuration file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static String problem(Path file, JsonProcessingException e) {
        MarkedYAMLException syntax = findCause(e, MarkedYAMLException.class);
        if (syntax != null) {
            return syntax(file, syntax);
        }
        JsonParseException parse = findCause(e, JsonParseException.class);
        if (parse != null && parse.getProcessor() instanceof JsonParser parser
                && parse.getOriginalMessage().startsWith("Duplicate field")) {
            return at(file, parse.getLocation()) + "key '" + dotted(parser.getParsingContext().pathAsPointer().toString())
                    + "' is given twice; keep one";
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return at(file, e.getLocation()) + "unknown key '" + path(unknown) + "'; known keys here: "
                    + unknown.getKnownPropertyIds().stream().map(Object::toString).collect(Collectors.joining(", "));
        }
        if (e instanceof JsonMappingException mapping) {
            if (mapping.getCause() instanceof ConfigException config) {
                return "configuration file " + file + ": " + config.getMessage();
            }
            return at(file, e.getLocation()) + "key '" + path(mapping) + "' has the wrong type: "
                    + oneLine(e.getOriginalMessage());
        }
        return at(file, e.getLocation()) + oneLine(e.getOriginalMessage());
    }

    /** SnakeYAML's report (context, problem, each with a mark and a caret drawing) as one line. */
    private static String syntax(Path file, MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String where = mark == null ? "configuration file " + file + ": "
                : "configuration file " + file + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1) + ": ";
        String context = e.getContext() == null ? ""
                : " (" + e.getContext() + (e.getContextMark() == null ? "" : " from line " + (e.getContextMark().getLine() + 1))
                + ")";
        return where + "YAML syntax: " + oneLine(e.getProblem()) + context;
    }

    private static String at(Path file, JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? "configuration file " + file + ": "
                : "configuration file " + file + ":" + location.getLineNr() + ":" + location.getColumnNr() + ": ";
    }

    /** The exception or its first cause of the type, or null. */
    private static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "a list";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    /** A JSON pointer ({@code /models/directories/0/name}) as the keys are written here: models.directories[0].name. */
    private static String dotted(String pointer) {
        return pointer.substring(1).replaceAll("/(\\d+)(?=/|$)", "[$1]").replace('/', '.');
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
