package dev.embedgate.server.cli;

import dev.embedgate.testkit.Faults;
import dev.embedgate.testkit.ProviderSimulator;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.SimulatorConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the provider simulator (embedgate-testkit) until the process is stopped: OpenAI, Hugging Face, TEI, Cohere
 * and Ollama wire formats on 127.0.0.1, for offline development and chaos drills.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Runs a simulator of the embedding providers (OpenAI, Hugging Face, TEI, Cohere, Ollama) on "
                + "127.0.0.1, with real vectors for all-MiniLM-L6-v2 and bge-small-en-v1.5 and fault injection.")
final class SimulateCommand implements Runnable {

    static final int DEFAULT_PORT = 8090;

    @Option(names = "--port", description = "TCP port (default: the config file's port, else " + DEFAULT_PORT
            + "; 0 picks a free one).")
    private Integer port;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Simulator YAML: port, seed, apiKeys and faults per route (see docs/simulator.md). "
                    + "Without it: no faults, any non-empty key.")
    private Path config;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        SimulatorConfig loaded = config == null ? SimulatorConfig.defaults() : SimulatorConfig.load(config);
        int chosenPort = port != null ? port : loaded.port() != 0 ? loaded.port() : DEFAULT_PORT;
        ProviderSimulator simulator = ProviderSimulator.start(loaded.withPort(chosenPort));
        printRoutes(spec.commandLine().getOut(), simulator, loaded);

        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "embedgate-simulator-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void printRoutes(PrintWriter out, ProviderSimulator simulator, SimulatorConfig config) {
        String keys = config.apiKeys().isEmpty() ? "any non-empty API key is accepted"
                : config.apiKeys().size() + " configured API key(s) accepted";
        out.printf("EmbedGate provider simulator on %s (%s)%n%n", simulator.baseUrl(), keys);
        String row = "  %-13s %-40s %s%n";
        out.printf(row, "OpenAI", simulator.openAiBaseUrl(), "POST /embeddings, /chat/completions");
        out.printf(row, "Hugging Face", simulator.huggingFaceBaseUrl(),
                "POST /hf-inference/models/{model}/pipeline/feature-extraction, /pipeline/feature-extraction/{model}, "
                        + "/models/{model} (legacy API), /hf-inference/models/{model}/pipeline/text-classification "
                        + "(rerank pairs), /v1/chat/completions (router)");
        out.printf(row, "TEI", simulator.teiBaseUrl(), "POST /embed, /v1/embeddings (all-MiniLM-L6-v2), /rerank");
        out.printf(row, "Cohere", simulator.cohereBaseUrl(), "POST /v2/embed, /v2/rerank, /v2/chat");
        out.printf(row, "Jina", simulator.jinaBaseUrl(), "POST /rerank (the Cohere route's faults and log)");
        out.printf(row, "Ollama", simulator.ollamaBaseUrl(), "POST /api/embed, /api/embeddings, /api/chat");
        out.printf(row, "Admin", simulator.baseUrl() + "/admin",
                "PUT /faults/{route}, GET /faults, GET /log, POST /reset");
        out.printf("%nPoint EmbedGate at it:%n");
        out.printf("  export OPENAI_BASE_URL=%s%n", simulator.openAiBaseUrl());
        out.printf("  export HF_INFERENCE_ENDPOINT=%s%n", simulator.huggingFaceBaseUrl());
        out.printf("  export COHERE_BASE_URL=%s%n", simulator.cohereBaseUrl());
        out.printf("  export OLLAMA_HOST=%s%n", simulator.ollamaBaseUrl());
        out.printf("  export JINA_BASE_URL=%s%n", simulator.jinaBaseUrl());
        out.printf("  TEI (or any OpenAI-compatible provider): base URL %s%n", simulator.teiBaseUrl());
        if (config.apiKeys().isEmpty()) {
            out.printf("  export OPENAI_API_KEY=sk-simulated HF_TOKEN=hf_simulated COHERE_API_KEY=co-simulated%n");
        }
        out.printf("%nFaults:%n");
        for (Route route : Route.values()) {
            Faults faults = config.faultsFor(route);
            out.printf("  %-12s %s%n", route.wireName(), faults.equals(Faults.NONE) ? "none" : faults);
        }
        out.printf("%nStop with Ctrl+C.%n");
        out.flush();
    }
}
