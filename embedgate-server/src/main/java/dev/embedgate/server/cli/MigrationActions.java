package dev.embedgate.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The {@code migrate} subcommands that act on one migration (or space) and print the answer. */
final class MigrationActions {

    private MigrationActions() {
    }

    /** A command posting to {@code /v1/migrations/{id}/<action>} and printing the migration. */
    abstract static class Action implements Runnable {

        @Spec
        CommandSpec spec;

        @Mixin
        GatewayOptions gateway;

        @Parameters(index = "0", paramLabel = "ID", description = "The migration, as `migrate status` lists it.")
        String id;

        @Option(names = "--json", description = "Print the gateway's answer as JSON.")
        boolean json;

        abstract String path();

        @Override
        public void run() {
            JsonNode migration;
            try (GatewayClient client = gateway.client(spec, MigrateCommand.TIMEOUT)) {
                migration = client.post(GatewayClient.migrationPath(id) + "/" + path(),
                        GatewayClient.JSON.createObjectNode());
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                MemoriesCommand.printJson(out, migration);
            } else {
                MigrationPrinter.migration(out, migration);
            }
        }
    }

    @Command(name = "cutover", mixinStandardHelpOptions = true,
            description = "Makes the target the active space of the migration's namespaces, all at once.")
    static final class Cutover extends Action {

        @Option(names = "--force", description = "Switch even though some memories lack a target vector.")
        private boolean force;

        @Override
        String path() {
            return force ? "cutover?force=true" : "cutover";
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Makes the spaces active before the cutover active again, at once.")
    static final class Rollback extends Action {
        @Override
        String path() {
            return "rollback";
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Pauses a running migration.")
    static final class Pause extends Action {
        @Override
        String path() {
            return "pause";
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = "Resumes a paused or stopped migration; a backfilled one retries its failed memories.")
    static final class Resume extends Action {
        @Override
        String path() {
            return "resume";
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Cancels a migration before cutover; its vectors stay until the space is dropped.")
    static final class Cancel extends Action {
        @Override
        String path() {
            return "cancel";
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Compares recall in the old and the new space: overlap@k, missing and failed counts, "
                    + "and sample searches side by side.")
    static final class Verify implements Runnable {

        @Spec
        private CommandSpec spec;

        @Mixin
        private GatewayOptions gateway;

        @Parameters(index = "0", paramLabel = "ID", description = "The migration.")
        private String id;

        @Option(names = "--sample", paramLabel = "N", description = "Stored memories used as queries (default 50).")
        private Integer sample;

        @Option(names = "-k", paramLabel = "K", description = "Results compared per query (default 10).")
        private Integer k;

        @Option(names = "--queries", paramLabel = "FILE",
                description = "A file of queries, one per line, used instead of stored memories.")
        private Path queries;

        @Option(names = "--json", description = "Print the gateway's answer as JSON.")
        private boolean json;

        @Override
        public void run() {
            ObjectNode body = GatewayClient.JSON.createObjectNode();
            if (sample != null) {
                body.put("sample", sample);
            }
            if (k != null) {
                body.put("k", k);
            }
            if (queries != null) {
                queryLines().forEach(body.putArray("queries")::add);
            }
            JsonNode verification;
            try (GatewayClient client = gateway.client(spec, MigrateCommand.TIMEOUT)) {
                verification = client.post(GatewayClient.migrationPath(id) + "/verify", body);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                MemoriesCommand.printJson(out, verification);
            } else {
                MigrationPrinter.verification(out, verification);
            }
        }

        private List<String> queryLines() {
            try {
                return Files.readAllLines(queries, StandardCharsets.UTF_8).stream().map(String::strip)
                        .filter(line -> !line.isEmpty()).toList();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read --queries " + queries + ": " + e.getMessage());
            }
        }
    }

    @Command(name = "drop-space", mixinStandardHelpOptions = true,
            description = "Deletes a retired space's vectors and index (refused while any namespace uses it).")
    static final class DropSpace implements Runnable {

        @Spec
        private CommandSpec spec;

        @Mixin
        private GatewayOptions gateway;

        @Parameters(index = "0", paramLabel = "SPACE", description = "The space id, as `embedgate spaces` lists it.")
        private String space;

        @Override
        public void run() {
            JsonNode dropped;
            try (GatewayClient client = gateway.client(spec, MigrateCommand.TIMEOUT)) {
                dropped = client.post("/v1/spaces/drop", GatewayClient.JSON.createObjectNode().put("space", space));
            }
            spec.commandLine().getOut().println("dropped " + space + ": " + dropped.path("vectors").asLong()
                    + " vectors");
        }
    }
}
