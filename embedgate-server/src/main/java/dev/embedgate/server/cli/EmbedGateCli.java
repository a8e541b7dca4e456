package dev.embedgate.server.cli;

import dev.embedgate.provider.ProviderEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code embedgate} command: {@code serve}, {@code embed}, {@code models}, {@code keys}, {@code cost},
 * {@code status}, {@code memories}, {@code spaces}, {@code simulate}.
 */
@Command(name = "embedgate", mixinStandardHelpOptions = true, version = "EmbedGate 0.1.0",
        description = "An embedding gateway: an OpenAI-compatible /v1/embeddings server with local ONNX models in-process.",
        subcommands = {ServeCommand.class, EmbedCommand.class, ModelsCommand.class, KeysCommand.class, CostCommand.class,
                StatusCommand.class, MemoriesCommand.class, SpacesCommand.class, MigrateCommand.class, SimulateCommand.class})
public final class EmbedGateCli implements Runnable {

    @CommandLine.Spec
    private CommandSpec spec;

    /** The variables every command reads: the process environment, or a test's. */
    private final ProviderEnvironment environment;

    private EmbedGateCli(ProviderEnvironment environment) {
        this.environment = environment;
    }

    /** JDK property: how many platform threads carry virtual threads (default: one per core). */
    private static final String CARRIERS = "jdk.virtualThreadScheduler.parallelism";
    /** JDK property: 1 makes the pollers that wake virtual threads blocked on sockets platform threads. */
    private static final String POLLER_MODE = "jdk.pollerMode";

    public static void main(String[] args) {
        // Virtual threads are not preempted: with one carrier per core, a few requests parsing megabytes of JSON or
        // tokenizing would hold every carrier, and /health would wait for them. With more carriers than cores the
        // OS shares the cores among them, and a probe waits for a time slice instead of a whole parse.
        if (System.getProperty(CARRIERS) == null) {
            System.setProperty(CARRIERS, Integer.toString(Math.max(8, 4 * Runtime.getRuntime().availableProcessors())));
        }
        // A virtual thread blocked on a socket is woken by a poller. The JDK's default (JDK 25's) makes the pollers
        // virtual threads too, woken by a master poller: one more thread to schedule between the bytes arriving and
        // the request going on. At 200 streams on two cores that hand-off showed in the slowest first tokens
        // (docs/chat-and-rerank.md).
        if (System.getProperty(POLLER_MODE) == null) {
            System.setProperty(POLLER_MODE, "1");
        }
        System.exit(commandLine().execute(args));
    }

    /** The command line with EmbedGate's error handling: configuration errors print one line, not a trace. */
    static CommandLine commandLine() {
        return commandLine(ProviderEnvironment.system());
    }

    /** The command line, its commands reading {@code environment} instead of the process's. */
    static CommandLine commandLine(ProviderEnvironment environment) {
        var commandLine = new CommandLine(new EmbedGateCli(environment));
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("embedgate: " + e.getMessage());
            return 2;
        });
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The environment of the command line that a command (or one of its subcommands) runs in. */
    static ProviderEnvironment environment(CommandSpec command) {
        return ((EmbedGateCli) command.root().userObject()).environment;
    }
}
