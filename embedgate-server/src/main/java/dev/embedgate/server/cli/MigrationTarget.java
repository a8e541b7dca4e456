package dev.embedgate.server.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that say what a migration does: {@code plan} and {@code run} share them. */
final class MigrationTarget {

    @Option(names = "--to", required = true, paramLabel = "MODEL",
            description = "The model (or space id) to migrate to, as the gateway names it (see `embedgate models`).")
    private String to;

    @Option(names = "--namespace", paramLabel = "NS",
            description = "A namespace to migrate; repeat for several (default: every namespace).")
    private List<String> namespaces = List.of();

    @Option(names = "--batch-size", paramLabel = "N", description = "Memories per embedding request (default 64).")
    private Integer batchSize;

    @Option(names = "--force", description = "Re-embed memories that already have a vector of the target model.")
    private boolean force;

    @Option(names = "--max-rate-share", paramLabel = "SHARE",
            description = "The part of the target provider's rate limits the migration may use, 0..1 (default 0.5).")
    private Double maxRateShare;

    /** The body of {@code POST /v1/migrations}. */
    ObjectNode body(boolean dryRun) {
        ObjectNode body = GatewayClient.JSON.createObjectNode();
        body.put("to", to);
        namespaces.forEach(body.putArray("namespaces")::add);
        if (batchSize != null) {
            body.put("batch_size", batchSize);
        }
        body.put("force", force);
        if (maxRateShare != null) {
            body.put("max_rate_share", maxRateShare);
        }
        body.put("dry_run", dryRun);
        return body;
    }
}
