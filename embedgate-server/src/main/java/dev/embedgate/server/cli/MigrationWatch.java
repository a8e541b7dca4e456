package dev.embedgate.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Follows a migration on the gateway with a live progress bar (done/total, rate, ETA) until it is backfilled or
 * stops; a wait for the target's providers is told on its own line, and the bar goes on when they are back.
 * Interrupting the command leaves the migration running on the gateway.
 */
final class MigrationWatch {

    /** States in which a migration no longer moves by itself. */
    static final Set<String> SETTLED = Set.of("backfilled", "cut_over", "cancelled", "finished", "stopped", "paused");

    private final GatewayClient client;
    private final PrintWriter err;
    private final boolean terminal;
    private final Duration poll;
    private final LongSupplier nanoTime;

    MigrationWatch(GatewayClient client, PrintWriter err, boolean terminal, Duration poll, LongSupplier nanoTime) {
        this.client = client;
        this.err = err;
        this.terminal = terminal;
        this.poll = poll;
        this.nanoTime = nanoTime;
    }

    /** Follows it until it settles; the last state seen. */
    JsonNode follow(String id) throws InterruptedException {
        JsonNode migration = client.get(GatewayClient.migrationPath(id));
        long total = migration.at("/progress/total").asLong();
        String lastReason = null;
        try (var bar = new ProgressBar(err, id, "memories", total, migration.at("/progress/done").asLong(), terminal,
                nanoTime)) {
            while (true) {
                bar.update(Math.min(total, migration.at("/progress/done").asLong()));
                String status = migration.path("status").asText();
                String reason = migration.path("reason").isTextual() ? migration.path("reason").asText() : null;
                if (reason != null && !Objects.equals(reason, lastReason)) {
                    bar.message(status + ": " + reason);
                }
                lastReason = reason;
                if (SETTLED.contains(status)) {
                    return migration;
                }
                Thread.sleep(poll.toMillis());
                migration = client.get(GatewayClient.migrationPath(id));
            }
        }
    }
}
