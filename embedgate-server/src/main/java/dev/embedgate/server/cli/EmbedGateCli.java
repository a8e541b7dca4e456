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

    public static void main(String[] args) {
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
