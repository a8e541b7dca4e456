package dev.embedgate.server.cli;

import dev.embedgate.provider.ProviderEnvironment;
import dev.embedgate.server.api.EmbedGateServer;
import dev.embedgate.server.config.AuthConfig;
import dev.embedgate.server.config.GatewayAssembly;
import dev.embedgate.server.config.GatewayConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the HTTP server until the process is stopped. On SIGTERM (or Ctrl-C) the server stops gracefully, within
 * {@code server.shutdownGrace} ({@link EmbedGateServer#close}), and the JVM exits as it does after a signal: with 128
 * plus the signal's number, 143 for SIGTERM (130 for Ctrl-C).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Starts the HTTP server (embedded default: local all-MiniLM-L6-v2 on port 8080, no services).")
final class ServeCommand implements Runnable {

    @Mixin
    private ConfigOption config;

    @Option(names = "--port", description = "TCP port (overrides server.port; 0 picks a free one).")
    private Integer port;

    @Option(names = "--auth", description = "Require gateway API keys (as auth.enabled: true or "
            + AuthConfig.ENABLED_VARIABLE + "=true do), with /health, /ready and /metrics left open.")
    private boolean auth;

    @Spec
    private CommandSpec spec;

    @Option(names = "--data-dir", description = "Folder for everything the embedded default persists: cache, usage "
            + "ledger, API keys (overrides store.dataDir; default ./embedgate-data).")
    private Path dataDir;

    @Override
    public void run() {
        ProviderEnvironment environment = EmbedGateCli.environment(spec);
        GatewayConfig loaded = config.load(environment);
        loaded = dataDir == null ? loaded : loaded.withDataDir(dataDir);
        loaded = auth ? loaded.withAuthRequired() : loaded;
        GatewayConfig.Server server = port == null ? loaded.server() : loaded.server().withPort(port);
        EmbedGateServer running = EmbedGateServer.start(
                GatewayAssembly.gateway(loaded, environment, Clock.systemUTC()), server);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } finally {
                stopped.countDown();
            }
        }, "embedgate-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
