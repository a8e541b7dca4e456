package dev.embedgate.server.config;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Map;

/**
 * Named variants of one configuration file: its {@code profiles} section maps each profile's name to settings in the
 * shape of the file itself, and the profile chosen ({@code serve --profile NAME}, {@code EMBEDGATE_PROFILE}) is
 * merged over the common part: mappings key by key, at every depth; anything else (a value, a list) replaced whole.
 * With no profile chosen the section is left out. A profile may not hold {@code profiles} itself.
 *
 * @param config  the common part with the chosen profile merged in, without the {@code profiles} section
 * @param profile the chosen profile's settings, or null when none is chosen
 * @param origin  where the chosen profile is in the file ({@code /profiles/NAME}), or null
 */
record ConfigProfiles(ObjectNode config, JsonNode profile, JsonPointer origin) {

    static final String SECTION = "profiles";

    /**
     * The file's settings under {@code profile} (null: the common part alone).
     *
     * @throws ConfigException when the profiles section is not a mapping of mappings, or names no such profile
     */
    static ConfigProfiles select(ConfigFile file, String profile) {
        ObjectNode config = ((ObjectNode) file.tree().root()).deepCopy();
        JsonNode profiles = config.remove(SECTION);
        JsonPointer sectionPath = JsonPointer.empty().appendProperty(SECTION);
        if (profiles != null && !profiles.isNull()) {
            if (!profiles.isObject()) {
                throw new ConfigException(file.atValue(sectionPath) + "'" + SECTION + "' must map profile names to "
                        + "settings (profiles: {production: {auth: {enabled: true}}})");
            }
            for (Map.Entry<String, JsonNode> entry : profiles.properties()) {
                JsonPointer path = sectionPath.appendProperty(entry.getKey());
                if (!entry.getValue().isObject()) {
                    throw new ConfigException(file.atValue(path) + "profile '" + entry.getKey()
                            + "' must be a mapping of settings, in the shape of the file itself");
                }
                if (entry.getValue().has(SECTION)) {
                    throw new ConfigException(file.atKey(path.appendProperty(SECTION)) + "profile '"
                            + entry.getKey() + "' holds profiles of its own; profiles cannot be nested");
                }
            }
        }
        if (profile == null) {
            return new ConfigProfiles(config, null, null);
        }
        JsonNode chosen = profiles == null ? null : profiles.get(profile);
        if (chosen == null || chosen.isNull()) {
            var names = new ArrayList<String>();
            if (profiles != null) {
                profiles.fieldNames().forEachRemaining(names::add);
            }
            throw new ConfigException("configuration file " + file.path() + " has no profile '" + profile + "'; "
                    + (names.isEmpty() ? "it defines none (a 'profiles' section names them)"
                    : "its profiles: " + String.join(", ", names)));
        }
        merge(config, (ObjectNode) chosen);
        return new ConfigProfiles(config, chosen, sectionPath.appendProperty(profile));
    }

    private static void merge(ObjectNode base, ObjectNode overlay) {
        for (Map.Entry<String, JsonNode> entry : overlay.properties()) {
            if (base.get(entry.getKey()) instanceof ObjectNode target
                    && entry.getValue() instanceof ObjectNode source) {
                merge(target, source);
            } else {
                base.set(entry.getKey(), entry.getValue().deepCopy());
            }
        }
    }

    /** Where a setting of the merged configuration was written: in the chosen profile if it set it, else in common. */
    JsonPointer sourceOf(JsonPointer path) {
        return profile != null && !profile.at(path).isMissingNode() ? origin.append(path) : path;
    }
}
