package dev.embedgate.server.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonPointer;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A configuration file as read, and how a problem in it is introduced: {@code configuration file F:LINE:COLUMN: }
 * where the line and column are known, else {@code configuration file F: }.
 *
 * @param path the file
 * @param tree its settings, with where each was written
 */
record ConfigFile(Path path, YamlTree tree) {

    /** The file alone. */
    String at() {
        return "configuration file " + path + ": ";
    }

    /** At a location the parser reported in a file. */
    static String at(Path file, JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? "configuration file " + file + ": "
                : "configuration file " + file + ":" + location.getLineNr() + ":" + location.getColumnNr() + ": ";
    }

    /** At the key of this path of the file. */
    String atKey(JsonPointer path) {
        return at(tree.keyAt(path));
    }

    /** At the value of this path of the file. */
    String atValue(JsonPointer path) {
        return at(tree.valueAt(path));
    }

    /** A path as messages name keys: {@code models.directories[0].name}. */
    static String keyName(JsonPointer path) {
        return keyName(path.toString());
    }

    /** A JSON pointer ({@code /models/directories/0/name}) as messages name keys. */
    static String keyName(String pointer) {
        return pointer.isEmpty() ? "" : pointer.substring(1).replaceAll("/(\\d+)(?=/|$)", "[$1]").replace('/', '.')
                .replace("~1", "/").replace("~0", "~");
    }

    private String at(Optional<JsonLocation> location) {
        return at(path, location.orElse(null));
    }
}
