package dev.embedgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The migration routes' answers to requests as clients really send them, and to bad ones. */
class MigrationsApiTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void verifySentWithNoBodyAtAllTakesTheDefaultsAsCurlXPostSendsIt() {
        // curl -X POST sends neither Content-Length nor Content-Type: in HTTP/1.1, a request with no body.
        RawHttp.Answer answer = RawHttp.exchange(server.port(), "POST /v1/migrations/mig_0000000000000000/verify "
                + "HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).as(answer.body()).isEqualTo(404);
        assertThat(answer.json().at("/error/code").asText()).isEqualTo("migration_not_found");
    }

    @Test
    void verifyWithABodyThatIsNotJsonIsStillRefused() {
        RawHttp.Answer answer = RawHttp.exchange(server.port(), "POST /v1/migrations/mig_0000000000000000/verify "
                + "HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 10\r\n\r\n{\"k\": 3} ");

        assertThat(answer.status()).isEqualTo(415);
    }

    @Test
    void newNamespacesStillSaveAndRecallAfterTheSpaceTheyStartInIsDropped() throws Exception {
        // A server of its own: the drop must not disturb the other tests' default space.
        try (var own = new TestServer()) {
            String space = TestServer.JSON.readTree(own.get("/v1/spaces").body()).get("default_space").asText();
            HttpResponse<String> dropped = own.post("/v1/spaces/drop", "{\"space\": \"" + space + "\"}");

            HttpResponse<String> saved = own.post("/v1/memories",
                    "{\"namespace\": \"fresh\", \"memories\": [{\"id\": \"m1\", \"content\": \"backups run at night\"}]}");
            HttpResponse<String> found = own.post("/v1/memories/search",
                    "{\"namespace\": \"other\", \"query\": \"when do backups run\"}");

            assertThat(dropped.statusCode()).as(dropped.body()).isEqualTo(200);
            assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
            JsonNode memory = TestServer.JSON.readTree(saved.body()).at("/data/0");
            assertThat(memory.get("state").asText()).isEqualTo("embedded");
            assertThat(memory.get("space").asText()).isEqualTo(space);
            assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        }
    }

    @Test
    void aBadNamespaceIsRefusedWithTheSameCodeAsEverywhereElse() throws Exception {
        HttpResponse<String> response = server.post("/v1/migrations",
                "{\"to\": \"bge-small-en-v1.5\", \"namespaces\": [\"ok\", \"\"], \"dry_run\": true}");

        JsonNode error = TestServer.JSON.readTree(response.body()).get("error");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error.get("code").asText()).isEqualTo("invalid_namespace");
        assertThat(error.get("param").asText()).isEqualTo("namespaces[1]");
    }
}
