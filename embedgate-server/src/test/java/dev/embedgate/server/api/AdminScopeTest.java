package dev.embedgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.server.config.ConfigLoader;
import dev.embedgate.server.config.GatewayConfig;
import dev.embedgate.store.keys.KeyScope;
import dev.embedgate.store.keys.NewApiKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's routes ({@code /status}, {@code /admin/...}, migrations, {@code /metrics} unless opened): an admin key when keys
 * are on (a tenant key gets 403), the clients {@code server.admin.allowFrom} allows when they are off (by default only
 * this host). {@code /health}, {@code /ready} and the API stay as they were.
 */
class AdminScopeTest {

    @TempDir
    Path dir;

    private GatewayConfig config(String yaml) throws IOException {
        return ConfigLoader.load(Files.writeString(dir.resolve("embedgate.yaml"), yaml));
    }

    private static HttpResponse<String> send(TestServer server, String method, String url, String secret) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (secret != null) {
            request.header("Authorization", "Bearer " + secret);
        }
        return server.send(request.build());
    }

    private static HttpResponse<String> get(TestServer server, String path, String secret) {
        return send(server, "GET", server.baseUrl() + path, secret);
    }

    private static void assertRefused(HttpResponse<String> answer, String code) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
        JsonNode error = TestServer.json(answer).get("error");
        assertThat(error.get("type").asText()).isEqualTo("permission_error");
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(answer.body()).as("no database path in a refusal").doesNotContain("SQLite at");
    }

    @Test
    void withKeysOnATenantKeyIsRefusedEveryOperatorRouteAndAnAdminKeyIsServed() throws IOException {
        try (var server = new TestServer(config("server: {host: 127.0.0.1, port: 0}\nauth: {enabled: true}\n"),
                Map.of())) {
            NewApiKey tenant = server.gateway().keys().create("team", KeyScope.TENANT, Set.of(), null, null, null);
            NewApiKey admin = server.gateway().keys().create("operators", KeyScope.ADMIN, Set.of(), null, null, null);
            String purge = server.baseUrl() + "/admin/cache?space=some-space";

            assertRefused(get(server, "/status", tenant.secret()), "admin_key_required");
            assertRefused(get(server, "/admin/cache", tenant.secret()), "admin_key_required");
            assertRefused(send(server, "DELETE", purge, tenant.secret()), "admin_key_required");
            assertThat(get(server, "/status", null).statusCode()).isEqualTo(401);
            assertRefused(get(server, "/v1/migrations", tenant.secret()), "admin_key_required");
            assertRefused(send(server, "POST", server.baseUrl() + "/v1/migrations", tenant.secret()),
                    "admin_key_required");
            assertRefused(send(server, "POST", server.baseUrl() + "/v1/migrations/mig_x/cutover", tenant.secret()),
                    "admin_key_required");
            assertRefused(send(server, "POST", server.baseUrl() + "/v1/spaces/drop", tenant.secret()),
                    "admin_key_required");
            assertThat(get(server, "/v1/migrations", admin.secret()).statusCode()).isEqualTo(200);
            NewApiKey miniLmAdmin = server.gateway().keys().create("minilm-operators", KeyScope.ADMIN,
                    Set.of("all-MiniLM-L6-v2"), null, null, null);
            HttpResponse<String> notAllowed = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                            + "/v1/migrations")).header("Authorization", "Bearer " + miniLmAdmin.secret())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"to\": \"bge-small-en-v1.5\"}")).build());
            assertRefused(notAllowed, "model_not_allowed");

            HttpResponse<String> status = get(server, "/status", admin.secret());
            assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
            assertThat(TestServer.json(status).at("/store/database").asText()).startsWith("SQLite at /");
            assertThat(get(server, "/admin/cache", admin.secret()).statusCode()).isEqualTo(200);
            assertThat(send(server, "DELETE", purge, admin.secret()).statusCode()).isEqualTo(200);

            assertThat(get(server, "/health", null).statusCode()).isEqualTo(200);
            assertThat(get(server, "/metrics", null).statusCode()).as("open by default").isEqualTo(200);
            assertThat(get(server, "/ready", tenant.secret()).statusCode()).isIn(200, 503);
            assertThat(get(server, "/v1/models", tenant.secret()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void metricsTakenOutOfTheOpenPathsNeedAnAdminKey() throws IOException {
        try (var server = new TestServer(config("""
                server: {host: 127.0.0.1, port: 0}
                auth: {enabled: true, openPaths: [/health]}
                """), Map.of())) {
            NewApiKey tenant = server.gateway().keys().create("team", KeyScope.TENANT, Set.of(), null, null, null);
            NewApiKey admin = server.gateway().keys().create("operators", KeyScope.ADMIN, Set.of(), null, null, null);

            assertRefused(get(server, "/metrics", tenant.secret()), "admin_key_required");
            assertThat(get(server, "/metrics", admin.secret()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void withKeysOffOperatorRoutesAnswerOnlyThisHostByDefault() throws IOException {
        InetAddress external = nonLoopbackAddress();
        try (var server = new TestServer(config("server: {host: 0.0.0.0, port: 0}\n"), Map.of())) {
            String remote = "http://" + external.getHostAddress() + ":" + server.baseUrl().replaceAll(".*:", "");

            assertRefused(send(server, "GET", remote + "/status", null), "admin_client_not_allowed");
            assertRefused(send(server, "GET", remote + "/admin/cache", null), "admin_client_not_allowed");
            assertRefused(send(server, "DELETE", remote + "/admin/cache?space=x", null), "admin_client_not_allowed");
            assertThat(send(server, "GET", remote + "/metrics", null).statusCode()).as("an open path").isEqualTo(200);
            assertThat(send(server, "GET", remote + "/health", null).statusCode()).isEqualTo(200);
            assertThat(send(server, "GET", remote + "/ready", null).statusCode()).isIn(200, 503);
            assertThat(send(server, "GET", remote + "/v1/models", null).statusCode()).isEqualTo(200);

            assertThat(get(server, "/status", null).statusCode()).as("from this host").isEqualTo(200);
            assertThat(get(server, "/admin/cache", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void allowFromNamesTheClientsOfTheOperatorRoutesWhileKeysAreOff() throws IOException {
        InetAddress external = nonLoopbackAddress();
        try (var onlyTheNetwork = new TestServer(config("""
                server: {host: 0.0.0.0, port: 0, admin: {allowFrom: ["%s/24"]}}
                """.formatted(external.getHostAddress())), Map.of())) {
            String remote = "http://" + external.getHostAddress() + ":"
                    + onlyTheNetwork.baseUrl().replaceAll(".*:", "");

            assertThat(send(onlyTheNetwork, "GET", remote + "/status", null).statusCode()).isEqualTo(200);
            assertRefused(get(onlyTheNetwork, "/status", null), "admin_client_not_allowed");
        }
        try (var nobody = new TestServer(config("server: {host: 127.0.0.1, port: 0, admin: {allowFrom: []}}\n"),
                Map.of())) {
            assertRefused(get(nobody, "/status", null), "admin_client_not_allowed");
        }
    }

    /** An address of this machine that is not loopback: requests to it come from it, not from 127.0.0.1. */
    private static InetAddress nonLoopbackAddress() {
        try {
            List<InetAddress> addresses = NetworkInterface.networkInterfaces()
                    .filter(AdminScopeTest::upAndNotLoopback)
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(address -> address instanceof Inet4Address && !address.isLinkLocalAddress())
                    .toList();
            Assumptions.assumeFalse(addresses.isEmpty(), "this machine has no non-loopback IPv4 address");
            return addresses.getFirst();
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean upAndNotLoopback(NetworkInterface network) {
        try {
            return network.isUp() && !network.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }
}
