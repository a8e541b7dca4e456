package dev.embedgate.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedgate.provider.http.RetryAfter;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * JSON over HTTP to a running gateway, for the commands that work through one. Every answer other than a 2xx, and
 * every gateway that does not answer, ends in a {@link GatewayCallException} whose message says what happened (the
 * message of OpenAI's error shape when the gateway sent one). The API key, when there is one, goes only into the
 * {@code Authorization} header, never into a message.
 */
final class GatewayClient implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final Optional<String> apiKey;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param base    the gateway's base URL; a path in it is kept (a gateway behind a proxy's prefix)
     * @param timeout how long to wait for each answer
     */
    GatewayClient(URI base, Optional<String> apiKey, Duration timeout) {
        String url = base.toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.apiKey = apiKey;
        this.timeout = timeout;
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    JsonNode post(String path, JsonNode body) {
        return send("POST", path, body);
    }

    JsonNode delete(String path) {
        return send("DELETE", path, null);
    }

    /** {@code /v1/memories/{id}}, with the id quoted where a path needs it. */
    static String memoryPath(String id, String namespace) {
        try {
            // The multi-argument constructor quotes what a path may not hold ('%', '?', '#', spaces), keeping '/'
            // (the route takes ids with slashes); the namespace goes in the query, quoted likewise.
            String path = new URI(null, null, "/v1/memories/" + id, null).getRawPath();
            return namespace == null ? path : path + "?namespace=" + quoted(namespace);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the id '" + id + "' cannot be put in a URL: " + e.getReason());
        }
    }

    /** {@code /v1/migrations/{id}}, the id quoted whole: a '/', '?' or '#' in it must not reach another route. */
    static String migrationPath(String id) {
        return "/v1/migrations/" + quoted(id);
    }

    private static String quoted(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The URL a path of this gateway has, as messages name it. */
    String url(String path) {
        return base + path;
    }

    private JsonNode send(String method, String path, JsonNode body) {
        URI uri = URI.create(url(path));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
        }
        apiKey.ifPresent(key -> request.header("Authorization", "Bearer " + key));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new GatewayCallException("no gateway answers at " + withoutQuery(uri) + " (" + reason(e) + ")", 0,
                    null, Optional.empty(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw failure(method, uri, response);
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new GatewayCallException(method + " " + withoutQuery(uri) + " answered " + response.statusCode()
                    + " with something other than JSON; is " + base + " an EmbedGate gateway?", response.statusCode(),
                    null, Optional.empty(), e);
        }
    }

    private static GatewayCallException failure(String method, URI uri, HttpResponse<String> response) {
        JsonNode error = errorOf(response.body());
        String message = error.path("message").isTextual() ? error.path("message").asText() : abbreviated(response.body());
        String param = error.path("param").isTextual() ? error.path("param").asText() : null;
        String hint = "";
        if (response.statusCode() == 401) {
            hint = "; send a key in " + GatewayOptions.DEFAULT_KEY_VARIABLE + " or the variable --api-key-env names";
        } else if (response.statusCode() == 404 && "not_found".equals(error.path("code").asText())
                && (uri.getPath().contains("/v1/memories") || uri.getPath().endsWith("/v1/spaces"))) {
            hint = "; is the gateway's memory off (memory.store: off)?";
        }
        return new GatewayCallException(method + " " + withoutQuery(uri) + " answered " + response.statusCode() + ": "
                + message + hint, response.statusCode(), param, RetryAfter.from(response.headers(), Instant.now()),
                null);
    }

    private static JsonNode errorOf(String body) {
        try {
            return JSON.readTree(body).path("error");
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    private static String abbreviated(String body) {
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }

    private static String reason(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static String withoutQuery(URI uri) {
        String url = uri.toString();
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private static byte[] bytes(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a request body", e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
