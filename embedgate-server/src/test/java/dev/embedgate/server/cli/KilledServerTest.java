package dev.embedgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.store.DataFolderLock;
import dev.embedgate.store.Database;
import dev.embedgate.store.usage.JdbcUsageLedger;
import dev.embedgate.usage.UsageEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server killed with {@code kill -9} (no shutdown hook runs, nothing is flushed), in a process of its own. */
class KilledServerTest {

    private static final Duration START = Duration.ofMinutes(2);
    private static final int CLIENTS = 4;
    private static final int REQUESTS_PER_CLIENT = 60;

    @TempDir
    Path dir;

    @Test
    void aServerKilledWithKill9StartsAgainOnItsFolder() throws Exception {
        Path config = Files.writeString(dir.resolve("embedgate.yaml"), "server: {host: 127.0.0.1}\n");
        Path data = dir.resolve("embedgate-data");
        ServeProcess.start(config, data, dir.resolve("killed.log")).awaitReady(START).killHard();
        assertThat(data.resolve(DataFolderLock.FILE)).as("left behind by the killed server").exists();

        try (var restarted = ServeProcess.start(config, data, dir.resolve("restarted.log")).awaitReady(START)) {
            assertThat(restarted.get("/ready").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void withDurableUsageEveryAnsweredRequestIsInTheLedgerAfterKill9() throws Exception {
        Path config = Files.writeString(dir.resolve("embedgate.yaml"), """
                server: {host: 127.0.0.1}
                usage: {durable: true}
                """);
        Path data = dir.resolve("embedgate-data");
        int answered;
        try (var server = ServeProcess.start(config, data, dir.resolve("durable.log")).awaitReady(START)) {
            answered = answeredRequests(server);
            server.killHard();
        }

        assertThat(answered).isEqualTo(CLIENTS * REQUESTS_PER_CLIENT);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try (Database reopened = Database.sqlite(data)) {
            long requests = new JdbcUsageLedger(reopened).since(today.minusDays(1)).stream()
                    .mapToLong(UsageEntry::requests).sum();
            assertThat(requests).as("requests in the ledger").isEqualTo(answered);
        }
    }

    /** Sends every client's requests at once (distinct texts: each reaches the model); counts the 200s. */
    private static int answeredRequests(ServeProcess server) throws Exception {
        var clients = new ArrayList<Callable<Integer>>();
        for (int client = 0; client < CLIENTS; client++) {
            int id = client;
            clients.add(() -> {
                int ok = 0;
                for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                    String body = "{\"model\": \"all-MiniLM-L6-v2\", \"input\": \"client " + id + " text " + i + "\"}";
                    if (server.post("/v1/embeddings", body).statusCode() == 200) {
                        ok++;
                    }
                }
                return ok;
            });
        }
        try (var pool = Executors.newFixedThreadPool(CLIENTS)) {
            int answered = 0;
            for (Future<Integer> client : pool.invokeAll(clients)) {
                answered += client.get();
            }
            return answered;
        }
    }
}
