package dev.embedgate.server.cli;

import dev.embedgate.embedding.ModelRegistry;
import dev.embedgate.embedding.ModelRoute;
import dev.embedgate.server.config.GatewayAssembly;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Lists the configured models without loading them. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "Lists the configured models.")
final class ModelsCommand implements Runnable {

    @Mixin
    private ConfigOption config;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        try (ModelRegistry registry = GatewayAssembly.embeddingService(config.load()).registry()) {
            String format = "%-50s %5s %6s  %-5s  %s%n";
            out.printf(format, "MODEL", "DIMS", "TOKENS", "POOL", "ALIASES");
            for (ModelRoute route : registry.routes()) {
                out.printf(format, route.name() + (route == registry.defaultRoute() ? " (default)" : ""),
                        route.space().dimensions(), route.space().maxTokens(),
                        route.space().pooling().name().toLowerCase(), String.join(", ", route.aliases()));
            }
        }
    }
}
