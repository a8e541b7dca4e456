package dev.embedgate.server.config;

import com.fasterxml.jackson.core.JsonPointer;
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
import dev.embedgate.provider.ProviderEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads {@link GatewayConfig} from a YAML file; no file means the embedded default. The file's {@code profiles}
 * section holds named variants of it, one of which may be chosen ({@link ConfigProfiles}), and its string values may
 * refer to environment variables, {@code ${NAME}} or {@code ${NAME:-default}} ({@link ConfigVariables}). Every
 * problem with the file is one line that names the file, the line and column where they are known, and what is wrong:
 * YAML syntax, a key given twice, an unknown key or profile, a variable that is not set, a value of the wrong type, an
 * empty file. Values that variables gave never appear in those lines: their variable's name stands in their place.
 */
public final class ConfigLoader {

    /** The variable naming the profile when the command line names none. */
    public static final String PROFILE_VARIABLE = "EMBEDGATE_PROFILE";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .registerModule(new SimpleModule().addDeserializer(Duration.class, new DurationText()));

    private ConfigLoader() {
    }

    /** The file's common settings, with variables of the process environment expanded. */
    public static GatewayConfig load(Path file) {
        return load(file, null, ProviderEnvironment.system());
    }

    /**
     * @param file        the YAML file, or null for the embedded default
     * @param profile     the profile to merge over the common settings, or null for none
     * @param environment where {@code ${NAME}} is looked up
     */
    public static GatewayConfig load(Path file, String profile, ProviderEnvironment environment) {
        if (file == null) {
            if (profile != null) {
                throw new ConfigException("the profile '" + profile + "' is asked for, but no configuration file is "
                        + "given (--config): profiles are sections of one");
            }
            return GatewayConfig.DEFAULT;
        }
        if (Files.isDirectory(file)) {
            throw new ConfigException("configuration file " + file + " is a directory; --config takes a YAML file");
        }
        if (!Files.exists(file)) {
            throw new ConfigException("configuration file " + file + " does not exist");
        }
        ConfigFile read = read(file);
        ConfigProfiles profiles = ConfigProfiles.select(read, profile);
        var variables = new ConfigVariables(environment);
        variables.expand(profiles.config(), path -> read.atValue(profiles.sourceOf(path)));
        try {
            return YAML.readValue(YAML.treeAsTokens(profiles.config()), GatewayConfig.class);
        } catch (JsonMappingException e) {
            throw new ConfigException(problem(read, profiles, variables, e), e);
        } catch (IOException e) {
            throw new ConfigException(read.at() + variables.hide(oneLine(e.getMessage())), e);
        }
    }

    /** The file's settings as a tree that remembers where each was written. */
    private static ConfigFile read(Path file) {
        try (JsonParser parser = YAML.createParser(file.toFile())) {
            JsonToken first = parser.nextToken();
            // A file given explicitly that holds nothing is a mistake (an emptied deploy, the wrong file): running on
            // the defaults instead would drop whatever it used to say, API-key auth included.
            if (first == null || first == JsonToken.VALUE_NULL) {
                throw new ConfigException("configuration file " + file + " holds no settings; leave out --config to run "
                        + "on the embedded default");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new ConfigException(ConfigFile.at(file, parser.currentTokenLocation())
                        + "the top level must be a mapping of sections (server:, models:, store:, ...), not "
                        + describe(first));
            }
            return new ConfigFile(file, YamlTree.read(parser));
        } catch (ConfigException e) {
            throw e;
        } catch (JsonProcessingException e) {
            throw new ConfigException(syntaxProblem(file, e), e);
        } catch (IOException e) {
            throw new ConfigException("configuration file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** A problem the parser found: YAML syntax, or a key given twice. */
    private static String syntaxProblem(Path file, JsonProcessingException e) {
        MarkedYAMLException syntax = findCause(e, MarkedYAMLException.class);
        if (syntax != null) {
            return syntax(file, syntax);
        }
        JsonParseException parse = findCause(e, JsonParseException.class);
        if (parse != null && parse.getProcessor() instanceof JsonParser parser
                && parse.getOriginalMessage().startsWith("Duplicate field")) {
            return ConfigFile.at(file, parse.getLocation()) + "key '"
                    + ConfigFile.keyName(parser.getParsingContext().pathAsPointer().toString())
                    + "' is given twice; keep one";
        }
        return ConfigFile.at(file, e.getLocation()) + oneLine(e.getOriginalMessage());
    }

    /**
     * A problem binding the settings to the config records: an unknown key, a wrong type, a refused value; what the
     * variables gave hidden.
     */
    private static String problem(ConfigFile file, ConfigProfiles profiles, ConfigVariables variables,
                                  JsonMappingException e) {
        if (e.getCause() instanceof ConfigException config) {
            return file.at() + variables.hide(config.getMessage());
        }
        JsonPointer path = path(e);
        if (e instanceof UnrecognizedPropertyException unknown) {
            return file.atKey(profiles.sourceOf(path)) + "unknown key '" + ConfigFile.keyName(path)
                    + "'; known keys here: " + unknown.getKnownPropertyIds().stream().map(Object::toString)
                            .collect(Collectors.joining(", "));
        }
        return file.atValue(profiles.sourceOf(path)) + "key '" + ConfigFile.keyName(path) + "' has the wrong type: "
                + variables.hide(oneLine(e.getOriginalMessage()));
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

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** The path of the setting a binding problem is about. */
    private static JsonPointer path(JsonMappingException e) {
        JsonPointer path = JsonPointer.empty();
        for (JsonMappingException.Reference reference : e.getPath()) {
            path = reference.getFieldName() != null ? path.appendProperty(reference.getFieldName())
                    : path.appendIndex(reference.getIndex());
        }
        return path;
    }
}
