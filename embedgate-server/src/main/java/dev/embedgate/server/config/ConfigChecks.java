package dev.embedgate.server.config;

/** Start-up validation that names the offending key. */
final class ConfigChecks {

    private ConfigChecks() {
    }

    static void require(boolean condition, String key, String problem) {
        if (!condition) {
            throw new ConfigException("configuration key '" + key + "' " + problem);
        }
    }
}
