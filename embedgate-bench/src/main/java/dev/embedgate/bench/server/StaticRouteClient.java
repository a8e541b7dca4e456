package dev.embedgate.bench.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** {@code GET} of a route that takes no body (such as {@code /health}), as a load target: the floor to compare with. */
public final class StaticRouteClient implements LoadTarget {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final HttpRequest request;

    public StaticRouteClient(URI route) {
        this.request = HttpRequest.newBuilder(route).timeout(Duration.ofSeconds(30)).GET().build();
    }

    /** Ignores the body: the route takes none. */
    @Override
    public int exchange(byte[] ignored) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
