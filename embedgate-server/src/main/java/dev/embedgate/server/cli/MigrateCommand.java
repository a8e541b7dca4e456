package dev.embedgate.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code embedgate migrate plan|run|status|verify|cutover|rollback|pause|resume|cancel|drop-space}: re-embedding
 * migrations on a running gateway, through its operator API ({@code /v1/migrations}).
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Moves memories to another embedding model with no downtime: plan, run (a live progress bar), "
                + "status, verify, cutover, rollback, drop-space.", "Needs an admin key when the gateway requires keys."},
        subcommands = {MigrateCommand.Plan.class, MigrateCommand.Run.class, MigrateCommand.Status.class,
                MigrationActions.Verify.class, MigrationActions.Cutover.class, MigrationActions.Rollback.class,
                MigrationActions.Pause.class, MigrationActions.Resume.class, MigrationActions.Cancel.class,
                MigrationActions.DropSpace.class})
final class MigrateCommand implements Runnable {

    /** How long a migration command waits for an answer (a plan counts every memory's tokens). */
    static final Duration TIMEOUT = Duration.ofMinutes(10);
    static final Duration POLL = Duration.ofMillis(500);

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** 0 when the migration is where it should be, 1 when it stopped short (paused, stopped, cancelled). */
    static int exitCode(JsonNode migration) {
        String status = migration.path("status").asText();
        return status.equals("backfilled") || status.equals("cut_over") || status.equals("finished") ? 0 : 1;
    }

    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = "Counts what a migration would do (memories, tokens, cost, duration); writes nothing.")
    static final class Plan implements Runnable {

        @Spec
        private CommandSpec spec;

        @Mixin
        private GatewayOptions gateway;

        @Mixin
        private MigrationTarget target;

        @Option(names = "--json", description = "Print the gateway's answer as JSON.")
        private boolean json;

        @Override
        public void run() {
            JsonNode plan;
            try (GatewayClient client = gateway.client(spec, TIMEOUT)) {
                plan = client.post("/v1/migrations", target.body(true));
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                MemoriesCommand.printJson(out, plan);
            } else {
                MigrationPrinter.plan(out, plan);
            }
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Starts a migration and follows it with a live progress bar until it is backfilled.",
                    "Ctrl-C stops following; the migration goes on on the gateway (`migrate status --watch ID`)."})
    static final class Run implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Mixin
        private GatewayOptions gateway;

        @Mixin
        private MigrationTarget target;

        @Option(names = "--dry-run", description = "Print the plan and exit, as `migrate plan` does.")
        private boolean dryRun;

        @Option(names = "--detach", description = "Start it and print its id without following it.")
        private boolean detach;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            try (GatewayClient client = gateway.client(spec, TIMEOUT)) {
                if (dryRun) {
                    MigrationPrinter.plan(out, client.post("/v1/migrations", target.body(true)));
                    return 0;
                }
                JsonNode started = client.post("/v1/migrations", target.body(false));
                String id = started.path("id").asText();
                out.println(id);
                out.flush();
                if (detach) {
                    return 0;
                }
                JsonNode last = new MigrationWatch(client, spec.commandLine().getErr(), ProgressBar.stderrIsTerminal(),
                        POLL, System::nanoTime).follow(id);
                MigrationPrinter.migration(out, last);
                return exitCode(last);
            }
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Shows one migration (or lists them all): progress, rate, ETA, tokens, cost, failures.")
    static final class Status implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Mixin
        private GatewayOptions gateway;

        @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "The migration (default: all).")
        private String id;

        @Option(names = "--watch", description = "Follow the migration with a live progress bar until it settles.")
        private boolean watch;

        @Option(names = "--json", description = "Print the gateway's answer as JSON.")
        private boolean json;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            try (GatewayClient client = gateway.client(spec, TIMEOUT)) {
                if (id == null) {
                    if (watch) {
                        throw new IllegalArgumentException("--watch follows one migration: give its ID");
                    }
                    JsonNode list = client.get("/v1/migrations");
                    if (json) {
                        MemoriesCommand.printJson(out, list);
                    } else if (list.path("data").isEmpty()) {
                        out.println("no migrations");
                    } else {
                        list.path("data").forEach(migration -> MigrationPrinter.migration(out, migration));
                    }
                    return 0;
                }
                JsonNode migration = watch ? new MigrationWatch(client, spec.commandLine().getErr(),
                        ProgressBar.stderrIsTerminal(), POLL, System::nanoTime).follow(id)
                        : client.get(GatewayClient.migrationPath(id));
                if (json) {
                    MemoriesCommand.printJson(out, migration);
                } else {
                    MigrationPrinter.migration(out, migration);
                }
                return 0;
            }
        }
    }
}
