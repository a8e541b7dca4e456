package dev.embedgate.server.api;

import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty's threads: every request is handled on a virtual thread of its own, while the acceptor, the selector and
 * Jetty's short non-blocking tasks run on a pool of platform threads. Javalin's own virtual-thread pool ran the
 * selector on a virtual thread too, so a client's bytes reached it through the JDK's poller threads and a carrier
 * before the request's thread was even started; here the selector waits in {@code epoll} itself. At 200 streamed chats
 * that took 0.7 to 4 µs of CPU off every relayed token (docs/chat-and-rerank.md), and the selector no longer needs a
 * free carrier to read new requests.
 */
final class HttpThreads {

    private HttpThreads() {
    }

    static QueuedThreadPool pool() {
        var pool = new QueuedThreadPool();
        pool.setName("embedgate-http");
        pool.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor("embedgate-request"));
        return pool;
    }
}
