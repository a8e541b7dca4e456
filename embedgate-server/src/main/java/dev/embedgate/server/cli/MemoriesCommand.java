package dev.embedgate.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code embedgate memories add|get|delete|search|import}: a running gateway's memory, through its HTTP API (the
 * gateway owns the model and the store; an embedded store is locked by the process serving it).
 */
@Command(name = "memories", mixinStandardHelpOptions = true,
        description = "Saves, reads, deletes, searches and imports memories on a running gateway.",
        subcommands = {MemoriesCommand.Add.class, MemoriesCommand.Get.class, MemoriesCommand.Delete.class,
                MemorySearchCommand.class, MemoryImportCommand.class})
final class MemoriesCommand implements Runnable {

    /** How long a memory command waits for the gateway's answer (saving embeds while it waits). */
    static final Duration TIMEOUT = Duration.ofMinutes(2);

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The JSON object an option holds ({@code --metadata}, {@code --filter}), or a message naming the option. */
    static ObjectNode jsonObject(String value, String option) {
        JsonNode node;
        try {
            node = GatewayClient.JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(option + " is not JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException(option + " must be a JSON object such as {\"source\": \"wiki\"}");
        }
        return object;
    }

    static void printJson(PrintWriter out, JsonNode answer) {
        try {
            out.println(GatewayClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
        } catch (IOException e) {
            throw new IllegalStateException("cannot print the answer", e);
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Saves one memory and prints its id, state (embedded, pending or degraded) and space.")
    static final class Add implements Runnable {

        @Spec
        private CommandSpec spec;

        @Mixin
        private GatewayOptions gateway;

        @Parameters(paramLabel = "TEXT", description = "The memory's content.")
        private String content;

        @Option(names = "--id", paramLabel = "ID",
                description = "Its id (default: a generated UUID); saving an id again replaces that memory.")
        private String id;

        @Option(names = "--namespace", paramLabel = "NS", description = "The namespace (default: the gateway's 'default').")
        private String namespace;

        @Option(names = "--metadata", paramLabel = "JSON", description = "A JSON object, e.g. '{\"source\": \"wiki\"}'.")
        private String metadata;

        @Option(names = "--importance", paramLabel = "X", description = "0..1 (default: 0.5).")
        private Double importance;

        @Override
        public void run() {
            ObjectNode body = GatewayClient.JSON.createObjectNode();
            body.put("content", content);
            if (id != null) {
                body.put("id", id);
            }
            if (namespace != null) {
                body.put("namespace", namespace);
            }
            if (metadata != null) {
                body.set("metadata", jsonObject(metadata, "--metadata"));
            }
            if (importance != null) {
                body.put("importance", importance);
            }
            JsonNode saved;
            try (GatewayClient client = gateway.client(spec, TIMEOUT)) {
                saved = client.post("/v1/memories", body);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("id:        " + saved.path("id").asText());
            out.println("namespace: " + saved.path("namespace").asText());
            out.println("state:     " + saved.path("state").asText());
            out.println("space:     " + saved.path("space").asText("-"));
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Prints one memory.")
    static final class Get implements Runnable {

        @Spec
        private CommandSpec spec;

        @Mixin
        private GatewayOptions gateway;

        @Parameters(paramLabel = "ID", description = "The memory's id.")
        private String id;

        @Option(names = "--namespace", paramLabel = "NS", description = "The namespace (default: the gateway's 'default').")
        private String namespace;

        @Option(names = "--json", description = "Print the gateway's answer as JSON.")
        private boolean json;

        @Override
        public void run() {
            JsonNode memory;
            try (GatewayClient client = gateway.client(spec, TIMEOUT)) {
                memory = client.get(GatewayClient.memoryPath(id, namespace));
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                printJson(out, memory);
                return;
            }
            out.println("id:         " + memory.path("id").asText());
            out.println("namespace:  " + memory.path("namespace").asText());
            out.println("importance: " + memory.path("importance").asDouble());
            out.println("created:    " + memory.path("created_at").asText());
            out.println("updated:    " + memory.path("updated_at").asText());
            out.println("metadata:   " + memory.path("metadata"));
            out.println("content:");
            out.println(memory.path("content").asText());
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Deletes one memory by id, or every memory of the namespace that a filter matches.")
    static final class Delete implements Runnable {

        @Spec
        private CommandSpec spec;

        @Mixin
        private GatewayOptions gateway;

        @Parameters(paramLabel = "ID", arity = "0..1", description = "The memory's id (or give --filter).")
        private String id;

        @Option(names = "--filter", paramLabel = "JSON",
                description = "Delete every match instead, e.g. '{\"source\": \"draft\"}' (docs/memory.md, Filters).")
        private String filter;

        @Option(names = "--namespace", paramLabel = "NS", description = "The namespace (default: the gateway's 'default').")
        private String namespace;

        @Override
        public void run() {
            if ((id == null) == (filter == null)) {
                throw new IllegalArgumentException("give either an ID or --filter JSON");
            }
            PrintWriter out = spec.commandLine().getOut();
            try (GatewayClient client = gateway.client(spec, TIMEOUT)) {
                if (id != null) {
                    JsonNode deleted = client.delete(GatewayClient.memoryPath(id, namespace));
                    out.println("deleted " + deleted.path("id").asText() + " from namespace "
                            + deleted.path("namespace").asText());
                    return;
                }
                ObjectNode body = GatewayClient.JSON.createObjectNode();
                if (namespace != null) {
                    body.put("namespace", namespace);
                }
                body.set("filter", jsonObject(filter, "--filter"));
                JsonNode deleted = client.post("/v1/memories/delete", body);
                out.println("deleted " + deleted.path("deleted").asLong() + " memories from namespace "
                        + deleted.path("namespace").asText());
            }
        }
    }
}
