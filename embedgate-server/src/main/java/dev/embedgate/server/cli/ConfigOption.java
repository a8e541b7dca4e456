package dev.embedgate.server.cli;

import dev.embedgate.server.config.ConfigLoader;
import dev.embedgate.server.config.GatewayConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config} option shared by every command. */
final class ConfigOption {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (default: the embedded default).")
    Path file;

    GatewayConfig load() {
        return ConfigLoader.load(file);
    }
}
