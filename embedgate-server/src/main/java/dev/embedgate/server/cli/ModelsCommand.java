package dev.embedgate.server.cli;

import dev.embedgate.provider.ProviderEnvironment;
import dev.embedgate.server.config.GatewayAssembly;
import dev.embedgate.server.config.Operations;
import dev.embedgate.server.routes.ConfiguredModel;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

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
        ProviderEnvironment environment = EmbedGateCli.environment(spec);
        try (Operations operations = GatewayAssembly.operations(config.load(environment), environment,
                Clock.systemUTC())) {
            String format = "%-50s %5s  %-18s %6s  %-5s  %s%n";
            out.printf(format, "MODEL", "DIMS", "SUPPORTED DIMS", "TOKENS", "POOL", "ALIASES");
            for (ConfiguredModel model : operations.routes().models()) {
                out.printf(format, model.name() + (model.defaultModel() ? " (default)" : ""), model.dimensions(),
                        model.supportedDimensions().describe(), model.maxTokens(),
                        model.pooling().name().toLowerCase(Locale.ROOT),
                        String.join(", ", model.aliases()));
            }
        }
    }
}
