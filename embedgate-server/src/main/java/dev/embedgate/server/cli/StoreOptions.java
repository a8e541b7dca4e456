package dev.embedgate.server.cli;

import dev.embedgate.provider.ProviderEnvironment;
import dev.embedgate.server.config.GatewayAssembly;
import dev.embedgate.server.config.GatewayConfig;
import dev.embedgate.server.config.Operations;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How a command finds the gateway's store: the same {@code --config}, {@code --profile} and {@code --data-dir} as
 * {@code serve}.
 */
final class StoreOptions {

    @Mixin
    private ConfigOption config;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "The embedded store's folder (as given to serve; "
            + "default ./embedgate-data).")
    private Path dataDir;

    /** The configuration of the gateway whose store this is. */
    GatewayConfig config(ProviderEnvironment environment) {
        GatewayConfig loaded = config.load(environment);
        return dataDir == null ? loaded : loaded.withDataDir(dataDir);
    }

    /** The gateway's services over that store, opened on first use; the caller closes them. */
    Operations operations(ProviderEnvironment environment) {
        return operations(config(environment), environment);
    }

    /** The services of a gateway of this configuration ({@link #config}). */
    Operations operations(GatewayConfig gateway, ProviderEnvironment environment) {
        return GatewayAssembly.operations(gateway, environment, Clock.systemUTC());
    }
}
