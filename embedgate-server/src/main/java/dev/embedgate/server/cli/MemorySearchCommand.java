package dev.embedgate.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code embedgate memories search}: recall from a running gateway, as a table of the best matches. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Recalls memories by meaning, words or both; prints rank, score, id and the start of each.")
final class MemorySearchCommand implements Runnable {

    /** How much of each memory's content the table shows. */
    static final int CONTENT_CHARS = 60;

    @Spec
    private CommandSpec spec;

    @Mixin
    private GatewayOptions gateway;

    @Parameters(paramLabel = "QUERY", description = "What to look for.")
    private String query;

    @Option(names = "--namespace", paramLabel = "NS", description = "The namespace (default: the gateway's 'default').")
    private String namespace;

    @Option(names = "-k", paramLabel = "N", description = "At most this many (default: the gateway's, 10).")
    private Integer k;

    @Option(names = "--mode", paramLabel = "MODE", description = "vector (default), keyword or hybrid.")
    private String mode;

    @Option(names = "--filter", paramLabel = "JSON",
            description = "On metadata, e.g. '{\"year\": {\"$gte\": 2023}}' (docs/memory.md, Filters).")
    private String filter;

    @Option(names = "--min-score", paramLabel = "X", description = "The lowest cosine similarity a vector match may have.")
    private Double minScore;

    @Option(names = "--all-spaces", description = "Search every space holding vectors of the namespace (a migration's "
            + "mixed period), not only its active space.")
    private boolean allSpaces;

    @Option(names = "--json", description = "Print the gateway's answer as JSON.")
    private boolean json;

    @Override
    public void run() {
        ObjectNode body = GatewayClient.JSON.createObjectNode();
        body.put("query", query);
        if (namespace != null) {
            body.put("namespace", namespace);
        }
        if (k != null) {
            body.put("k", k);
        }
        if (mode != null) {
            body.put("mode", mode.toLowerCase(Locale.ROOT));
        }
        if (filter != null) {
            body.set("filter", MemoriesCommand.jsonObject(filter, "--filter"));
        }
        if (minScore != null) {
            body.put("min_score", minScore);
        }
        if (allSpaces) {
            body.put("spaces", "all");
        }
        JsonNode answer;
        try (GatewayClient client = gateway.client(spec, MemoriesCommand.TIMEOUT)) {
            answer = client.post("/v1/memories/search", body);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            MemoriesCommand.printJson(out, answer);
            return;
        }
        print(out, answer);
    }

    private static void print(PrintWriter out, JsonNode answer) {
        JsonNode found = answer.path("data");
        if (found.isEmpty()) {
            out.println("(no memories found)");
        } else {
            var table = new TextTable(">RANK", ">SCORE", "ID", "CONTENT");
            int rank = 1;
            for (JsonNode memory : found) {
                table.row(rank++, String.format(Locale.ROOT, "%.4f", memory.path("score").asDouble()),
                        memory.path("id").asText(), start(memory.path("content").asText()));
            }
            table.print(out);
        }
        out.println();
        var spaces = new StringBuilder();
        answer.path("spaces").forEach(space -> spaces.append(spaces.isEmpty() ? "" : ", ").append(space.asText()));
        out.println("mode: " + answer.path("mode_used").asText() + (spaces.isEmpty() ? "" : " (spaces: " + spaces + ")"));
        JsonNode notice = answer.path("notice");
        if (notice.isTextual()) {
            out.println("notice: " + notice.asText());
        }
    }

    /** The first characters of a memory, on one line. */
    static String start(String content) {
        String oneLine = content.replaceAll("\\s+", " ").strip();
        if (oneLine.length() <= CONTENT_CHARS) {
            return oneLine;
        }
        int end = CONTENT_CHARS - 3;
        if (Character.isHighSurrogate(oneLine.charAt(end - 1))) {
            end--;
        }
        return oneLine.substring(0, end) + "...";
    }
}
