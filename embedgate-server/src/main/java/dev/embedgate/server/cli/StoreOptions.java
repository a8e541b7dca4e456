package dev.embedgate.server.cli;

import dev.embedgate.server.config.GatewayAssembly;
import dev.embedgate.server.config.GatewayConfig;
import dev.embedgate.server.config.Operations;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How a command finds the gateway's store: the same {@code --config} and {@code --data-dir} as {@code serve}. */
final class StoreOptions {

    @Mixin
    private ConfigOption config;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "The embedded store's folder (as given to serve; "
            + "default ./embedgate-data).")
    private Path dataDir;

    /** The gateway's services over that store, opened on first use; the caller closes them. */
    Operations operations() {
        GatewayConfig loaded = dataDir == null ? config.load() : config.load().withDataDir(dataDir);
        return GatewayAssembly.operations(loaded);
    }
}
