package dev.embedgate.server.cli;

import dev.embedgate.provider.ProviderEnvironment;
import dev.embedgate.server.config.AuthConfig;
import dev.embedgate.server.config.ConfigLoader;
import dev.embedgate.server.config.GatewayConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --config} and {@code --profile} options shared by every command, and the settings the environment
 * makes: {@code EMBEDGATE_PROFILE} when no {@code --profile} is given, {@code EMBEDGATE_AUTH=true} turning API keys
 * on.
 */
final class ConfigOption {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (default: the embedded default).")
    Path file;

    @Option(names = "--profile", paramLabel = "NAME", description = "A profile of the configuration file, merged over "
            + "its common settings (default: " + ConfigLoader.PROFILE_VARIABLE + ", else none).")
    String profile;

    /** The configuration this command runs with. */
    GatewayConfig load(ProviderEnvironment environment) {
        GatewayConfig loaded = ConfigLoader.load(file, profile != null ? profile
                : environment.value(ConfigLoader.PROFILE_VARIABLE).orElse(null), environment);
        return AuthConfig.requiredBy(environment) ? loaded.withAuthRequired() : loaded;
    }
}
