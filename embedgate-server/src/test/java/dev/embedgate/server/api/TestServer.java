package dev.embedgate.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedgate.provider.ProviderEnvironment;
import dev.embedgate.server.config.Gateway;
import dev.embedgate.server.config.GatewayAssembly;
import dev.embedgate.server.config.GatewayConfig;
import dev.embedgate.server.config.StoreConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;

/**
 * A real EmbedGate server on a free loopback port, on the embedded default, and a plain HTTP client for it. Unless
 * the configuration names a store, each server gets a data folder of its own, removed when it closes.
 */
public final class TestServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    private final EmbedGateServer server;
    private final Gateway gateway;
    private final Path ownDataDir;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A server that sees only the given provider environment (none of this machine's variables). */
    public TestServer(GatewayConfig config, Map<String, String> environment) {
        this(config, environment, Clock.systemUTC());
    }

    /** A server whose cache ages, and whose usage is dated, by {@code clock}. */
    public TestServer(GatewayConfig config, Map<String, String> environment, Clock clock) {
        this.ownDataDir = usesDefaultStore(config) ? temporaryFolder() : null;
        GatewayConfig effective = ownDataDir == null ? config : config.withDataDir(ownDataDir);
        this.gateway = GatewayAssembly.gateway(effective, new ProviderEnvironment(environment), clock);
        this.server = EmbedGateServer.start(gateway, effective.server());
    }

    private static boolean usesDefaultStore(GatewayConfig config) {
        return config.store().postgres() == null && config.store().dataDir().equals(StoreConfig.DEFAULT_DATA_DIR);
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("embedgate-test-data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The gateway behind the server (its cache, usage recorder and database). */
    public Gateway gateway() {
        return gateway;
    }

    TestServer(GatewayConfig config) {
        this(config, Map.of());
    }

    TestServer(long maxRequestBytes) {
        this(new GatewayConfig(new GatewayConfig.Server("127.0.0.1", 0, maxRequestBytes), null, null));
    }

    TestServer() {
        this(GatewayConfig.DEFAULT.server().maxRequestBytes());
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    int port() {
        return server.port();
    }

    HttpResponse<String> post(String path, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    public HttpResponse<String> post(String path, String body) {
        return post(path, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build());
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static float[] floats(JsonNode array) {
        float[] vector = new float[array.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = array.get(i).floatValue();
        }
        return vector;
    }

    @Override
    public void close() {
        server.close();
        if (ownDataDir != null) {
            deleteRecursively(ownDataDir);
        }
    }

    private static void deleteRecursively(Path folder) {
        try (var paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
