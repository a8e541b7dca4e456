package dev.embedgate.server.api;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.Graceful;

/**
 * The handler every request passes first, which lets a stopping server finish what it took: it counts the requests
 * in flight, and once the server stops taking new ones it answers those that still come (on connections opened
 * before) with 503 in OpenAI's error shape, counting them too.
 */
final class ShutdownGate extends GracefulHandler {

    private final LongAdder refused = new LongAdder();

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (isShutdown()) {
            refused.increment();
        }
        return super.handle(request, response, callback);
    }

    /**
     * Stops taking requests (every connector stops accepting connections; requests on open ones get 503) and waits,
     * at most {@code grace}, for the requests in flight to finish. Those still running after it are the caller's to
     * cut, by stopping the server.
     */
    Drained drain(Server server, Duration grace) {
        long start = System.nanoTime();
        Graceful.shutdown(server);
        // A connector that stops accepting still holds its port: connections would wait in the kernel's backlog until
        // the grace is over. Closing it refuses them at once, while the connections it has go on.
        for (Connector connector : server.getConnectors()) {
            if (connector instanceof NetworkConnector listening) {
                listening.close();
            }
        }
        long inFlight = getCurrentRequestCount();
        try {
            shutdown().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException graceOver) {
            // what still runs is cut
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for the requests in flight failed", e.getCause());
        }
        long cut = getCurrentRequestCount();
        return new Drained(inFlight, Math.max(0, inFlight - cut), cut, refused.sum(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * @param inFlight requests being served when the server stopped taking new ones
     * @param finished those of them that finished within the grace
     * @param cut      those still running when it ended
     * @param refused  requests answered 503 meanwhile
     * @param waited   how long the wait took
     */
    record Drained(long inFlight, long finished, long cut, long refused, Duration waited) {
    }
}
