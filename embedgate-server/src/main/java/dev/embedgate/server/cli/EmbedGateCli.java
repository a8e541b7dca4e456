package dev.embedgate.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code embedgate} command: {@code serve}, {@code embed}, {@code models}, {@code keys}, {@code cost},
 * {@code status}, {@code simulate}.
 */
@Command(name = "embedgate", mixinStandardHelpOptions = true, version = "EmbedGate 0.1.0",
        description = "An embedding gateway: an OpenAI-compatible /v1/embeddings server with local ONNX models in-process.",
        subcommands = {ServeCommand.class, EmbedCommand.class, ModelsCommand.class, KeysCommand.class, CostCommand.class,
                StatusCommand.class, SimulateCommand.class})
public final class EmbedGateCli implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** JDK property: how many platform threads carry virtual threads (default: one per core). */
    private static final String CARRIERS = "jdk.virtualThreadScheduler.parallelism";

    public static void main(String[] args) {
        // Virtual threads are not preempted: with one carrier per core, a few requests parsing megabytes of JSON or
        // tokenizing would hold every carrier, and /health would wait for them. With more carriers than cores the
        // OS shares the cores among them, and a probe waits for a time slice instead of a whole parse.
        if (System.getProperty(CARRIERS) == null) {
            System.setProperty(CARRIERS, Integer.toString(Math.max(8, 4 * Runtime.getRuntime().availableProcessors())));
        }
        System.exit(commandLine().execute(args));
    }

    /** The command line with EmbedGate's error handling: configuration errors print one line, not a trace. */
    static CommandLine commandLine() {
        var commandLine = new CommandLine(new EmbedGateCli());
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
}
