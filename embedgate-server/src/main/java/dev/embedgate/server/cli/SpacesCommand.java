package dev.embedgate.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code embedgate spaces}: a running gateway's {@code /v1/spaces} as tables: each embedding space with its vectors
 * and the providers that made them, each namespace with its active space, memories and what is pending.
 */
@Command(name = "spaces", mixinStandardHelpOptions = true,
        description = "Shows how a running gateway's memories are spread over embedding spaces and namespaces.")
final class SpacesCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Mixin
    private GatewayOptions gateway;

    @Option(names = "--json", description = "Print the gateway's answer as JSON.")
    private boolean json;

    @Override
    public void run() {
        JsonNode report;
        try (GatewayClient client = gateway.client(spec, MemoriesCommand.TIMEOUT)) {
            report = client.get("/v1/spaces");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            MemoriesCommand.printJson(out, report);
            return;
        }
        out.println("default space: " + report.path("default_space").asText());
        out.println();
        var spaces = new TextTable("SPACE", "MODEL", ">DIMS", "SERVED", ">VECTORS", ">DEGRADED", "PROVIDERS");
        for (JsonNode space : report.path("data")) {
            JsonNode dimensions = space.path("dimensions");
            spaces.row(space.path("id").asText(), space.path("model").asText(),
                    dimensions.isNumber() ? dimensions.asInt() : null, space.path("served").asBoolean() ? "yes" : "no",
                    space.path("vectors").asLong(), space.path("degraded").asLong(), providers(space.path("by_provider")));
        }
        spaces.print(out);
        out.println();
        var namespaces = new TextTable("NAMESPACE", "ACTIVE SPACE", ">MEMORIES", ">PENDING");
        for (JsonNode namespace : report.path("namespaces")) {
            JsonNode active = namespace.path("active_space");
            namespaces.row(namespace.path("namespace").asText(), active.isTextual() ? active.asText() : null,
                    namespace.path("memories").asLong(), namespace.path("pending").asLong());
        }
        namespaces.print(out);
    }

    /** {@code provider=count, ...}, or null (a dash) when no vector is stored. */
    private static String providers(JsonNode byProvider) {
        var parts = new ArrayList<String>();
        byProvider.properties().forEach(entry -> parts.add(entry.getKey() + "=" + entry.getValue().asLong()));
        return parts.isEmpty() ? null : String.join(", ", parts);
    }
}
