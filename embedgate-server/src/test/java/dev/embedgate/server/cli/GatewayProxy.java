package dev.embedgate.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntUnaryOperator;

/**
 * A loopback HTTP server in front of a real gateway that forwards every request, except the batches of
 * {@code POST /v1/memories} that its rule turns away with an error status: a gateway failing in the middle of an
 * import, as the client sees it. Counts the memories it forwarded.
 */
final class GatewayProxy implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String target;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicInteger batches = new AtomicInteger();
    private final AtomicLong memoriesForwarded = new AtomicLong();
    private volatile IntUnaryOperator rule = batch -> 0;
    private volatile String retryAfter;

    GatewayProxy(String target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * From now on, batch number {@code n} (0: the first batch posted after this call) gets the status
     * {@code rule(n)} instead of the gateway's answer, or is forwarded when that is 0.
     *
     * @param retryAfter the {@code Retry-After} value sent with the refusals, or null for none
     */
    void answer(IntUnaryOperator rule, String retryAfter) {
        batches.set(0);
        memoriesForwarded.set(0);
        this.retryAfter = retryAfter;
        this.rule = rule;
    }

    /** Memories forwarded in saved batches since the last {@link #answer}. */
    long memoriesForwarded() {
        return memoriesForwarded.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean batch = exchange.getRequestMethod().equals("POST")
                    && exchange.getRequestURI().getPath().equals("/v1/memories");
            if (batch) {
                int status = rule.applyAsInt(batches.getAndIncrement());
                if (status != 0) {
                    byte[] error = ("{\"error\": {\"message\": \"the proxy turned this batch away\", \"type\": "
                            + "\"server_error\", \"param\": null, \"code\": null}}").getBytes(StandardCharsets.UTF_8);
                    if (retryAfter != null) {
                        exchange.getResponseHeaders().set("Retry-After", retryAfter);
                    }
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(status, error.length);
                    exchange.getResponseBody().write(error);
                    return;
                }
            }
            HttpResponse<byte[]> answer = forward(exchange, body);
            if (batch && answer.statusCode() == 200) {
                memoriesForwarded.addAndGet(JSON.readTree(body).path("memories").size());
            }
            answer.headers().firstValue("Content-Type")
                    .ifPresent(type -> exchange.getResponseHeaders().set("Content-Type", type));
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            exchange.getResponseBody().write(answer.body());
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException {
        var request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        for (String header : new String[] {"Content-Type", "Authorization"}) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        client.close();
    }
}
