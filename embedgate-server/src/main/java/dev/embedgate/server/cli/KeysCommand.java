package dev.embedgate.server.cli;

import dev.embedgate.provider.ProviderEnvironment;
import dev.embedgate.server.config.AuthConfig;
import dev.embedgate.server.config.GatewayConfig;
import dev.embedgate.server.config.Operations;
import dev.embedgate.server.keys.CreatedKey;
import dev.embedgate.server.keys.KeySummary;
import dev.embedgate.store.keys.KeyScope;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code embedgate keys create|list|revoke}: gateway API keys, in the store the server uses. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Creates, lists and revokes gateway API keys.",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates a key and prints its secret, once: it is stored only as a hash.")
    static final class Create implements Runnable {

        @Mixin
        private StoreOptions store;

        @Spec
        private CommandSpec spec;

        @Option(names = "--name", required = true, description = "What the key is for (a team, a service).")
        private String name;

        @Option(names = "--admin", description = "An admin key: it may also read /status and manage the cache "
                + "(/admin/...). Default: a tenant key, which may only call the API.")
        private boolean admin;

        @Option(names = "--models", split = ",", paramLabel = "MODEL",
                description = "Models the key may use, comma-separated, each a configured model's name or alias "
                        + "(default: every model).")
        private List<String> models = List.of();

        @Option(names = "--namespace", paramLabel = "NAMESPACE",
                description = "A memory namespace the key may read and write; repeat for several (default: every "
                        + "namespace).")
        private List<String> namespaces = List.of();

        @Option(names = "--rpm", paramLabel = "N", description = "The key's own limit, requests per minute.")
        private Integer requestsPerMinute;

        @Option(names = "--daily-budget", paramLabel = "USD", description = "Spend cap per UTC day, in US dollars.")
        private BigDecimal dailyBudget;

        @Option(names = "--monthly-budget", paramLabel = "USD", description = "Spend cap per UTC month, in US dollars.")
        private BigDecimal monthlyBudget;

        @Override
        public void run() {
            ProviderEnvironment environment = EmbedGateCli.environment(spec);
            GatewayConfig config = store.config(environment);
            try (Operations operations = store.operations(config, environment)) {
                CreatedKey created = operations.keys().create(name, admin ? KeyScope.ADMIN : KeyScope.TENANT,
                        new LinkedHashSet<>(models), new LinkedHashSet<>(namespaces), requestsPerMinute, dailyBudget,
                        monthlyBudget);
                PrintWriter out = spec.commandLine().getOut();
                out.println("id:     " + created.key().id());
                out.println("scope:  " + created.key().scope());
                out.println("secret: " + created.secret());
                out.println("Keep the secret now: it is stored only as a hash and cannot be shown again.");
                out.println("Callers send it as 'Authorization: Bearer <secret>'.");
            }
            if (!config.auth().enabled()) {
                spec.commandLine().getErr().println("warning: API keys are off in the configuration this command ran "
                        + "with, so a gateway serving this store with it answers without a key and ignores this one; "
                        + "turn keys on with 'serve --auth', " + AuthConfig.ENABLED_VARIABLE
                        + "=true or auth.enabled: true");
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists every key (never their secrets).")
    static final class ListKeys implements Runnable {

        @Mixin
        private StoreOptions store;

        @Spec
        private CommandSpec spec;

        @Override
        public void run() {
            try (Operations operations = store.operations(EmbedGateCli.environment(spec))) {
                PrintWriter out = spec.commandLine().getOut();
                String format = "%-16s %-24s %-7s %-20s %-8s %-6s %-10s %-10s %-24s %s%n";
                out.printf(format, "ID", "NAME", "SCOPE", "CREATED (UTC)", "STATUS", "RPM", "DAILY $", "MONTHLY $",
                        "MODELS", "NAMESPACES");
                for (KeySummary key : operations.keys().list()) {
                    out.printf(format, key.id(), key.name(), key.scope(),
                            key.createdAt().toString().substring(0, 19).replace('T', ' '),
                            key.revoked() ? "revoked" : "valid", orDash(key.requestsPerMinute()),
                            usd(key.dailyBudgetUsd()), usd(key.monthlyBudgetUsd()),
                            key.allowedModels().isEmpty() ? "all" : String.join(",", key.allowedModels()),
                            key.namespaces().isEmpty() ? "all" : String.join(",", key.namespaces()));
                }
            }
        }

        private static String orDash(Object value) {
            return value == null ? "-" : value.toString();
        }

        private static String usd(BigDecimal usd) {
            return usd == null ? "-" : usd.toPlainString();
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revokes a key; running servers refuse it within 5 seconds.")
    static final class Revoke implements Runnable {

        @Mixin
        private StoreOptions store;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The key's id (see 'embedgate keys list').")
        private String id;

        @Override
        public void run() {
            try (Operations operations = store.operations(EmbedGateCli.environment(spec))) {
                if (!operations.keys().revoke(id)) {
                    throw new IllegalArgumentException("no valid key has the id '" + id + "'; see 'embedgate keys list'");
                }
                spec.commandLine().getOut().println("revoked " + id);
            }
        }
    }
}
