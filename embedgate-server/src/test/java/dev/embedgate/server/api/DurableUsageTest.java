package dev.embedgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.server.config.ConfigLoader;
import dev.embedgate.server.config.GatewayConfig;
import dev.embedgate.store.TestServices;
import dev.embedgate.usage.UsageEntry;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code usage.durable}: a request is answered only once its usage is in the ledger (that it survives a
 * {@code kill -9} is {@code KilledServerTest}'s).
 */
class DurableUsageTest {

    private static final String BODY = "{\"model\": \"all-MiniLM-L6-v2\", \"input\": \"billed text\"}";

    @TempDir
    Path dir;

    @Test
    void aRequestWhoseUsageCannotBeWrittenIsRefusedAndItsUsageWrittenOnceTheLedgerIsBack() throws Exception {
        try (TestServices.Schema schema = TestServices.pgvectorSchema()) {
            GatewayConfig config = ConfigLoader.load(Files.writeString(dir.resolve("embedgate.yaml"), """
                    server: {host: 127.0.0.1, port: 0}
                    store: {postgres: {url: "%s", user: %s}}
                    usage: {durable: true, flushInterval: 1h}
                    """.formatted(schema.url(), TestServices.POSTGRES_USER)));
            try (var server = new TestServer(config, Map.of())) {
                assertThat(server.post("/v1/embeddings", BODY).statusCode()).isEqualTo(200);
                assertThat(requests(server)).as("written before the answer, with no flush").isEqualTo(1);

                execute(schema, "ALTER TABLE usage_ledger RENAME TO usage_ledger_away");
                HttpResponse<String> refused = server.post("/v1/embeddings", BODY);
                execute(schema, "ALTER TABLE usage_ledger_away RENAME TO usage_ledger");

                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(TestServer.json(refused).at("/error/code").asText()).isEqualTo("usage_not_recorded");
                assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
                server.gateway().usage().flush();
                assertThat(requests(server)).as("the model ran all the same").isEqualTo(2);
            }
        }
    }

    private static long requests(TestServer server) {
        return server.gateway().usage().ledger().since(LocalDate.now(ZoneOffset.UTC).minusDays(1)).stream()
                .mapToLong(UsageEntry::requests).sum();
    }

    private static void execute(TestServices.Schema schema, String sql) throws SQLException {
        try (var connection = DriverManager.getConnection(schema.url(), TestServices.POSTGRES_USER, null);
             var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
