package dev.embedgate.provider.http.blocking;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Idle connections by origin, most recently used first (so that the fewest stay warm), at most
 * {@code maxIdlePerOrigin} each; a connection idle longer than {@code idleTimeoutNanos}, or than its server said
 * it keeps it, is closed rather than reused, since servers close idle keep-alive connections on their side.
 * Thread-safe.
 */
final class ConnectionPool implements AutoCloseable {

    private final int maxIdlePerOrigin;
    private final long idleTimeoutNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Origin, ArrayDeque<Connection>> idle = new HashMap<>();
    private boolean closed;

    ConnectionPool(int maxIdlePerOrigin, long idleTimeoutNanos) {
        this.maxIdlePerOrigin = maxIdlePerOrigin;
        this.idleTimeoutNanos = idleTimeoutNanos;
    }

    /** The most recently used idle connection to the origin, or null. */
    Connection take(Origin origin, long nowNanos) {
        List<Connection> expired = null;
        Connection taken = null;
        lock.lock();
        try {
            ArrayDeque<Connection> connections = idle.get(origin);
            while (connections != null && taken == null && !connections.isEmpty()) {
                Connection candidate = connections.pollFirst();
                if (expired(candidate, nowNanos)) {
                    expired = expired == null ? new ArrayList<>() : expired;
                    expired.add(candidate);
                } else {
                    taken = candidate;
                }
            }
        } finally {
            lock.unlock();
        }
        if (expired != null) {
            expired.forEach(Connection::close);
        }
        return taken;
    }

    /** Takes back a connection whose exchange ended cleanly; closes it when the pool is full or closed. */
    void give(Connection connection, long nowNanos) {
        connection.in().stopWatching();
        connection.idleSince(nowNanos);
        List<Connection> toClose = null;
        lock.lock();
        try {
            ArrayDeque<Connection> connections = idle.computeIfAbsent(connection.origin(), origin -> new ArrayDeque<>());
            if (closed || connections.size() >= maxIdlePerOrigin) {
                toClose = new ArrayList<>();
                toClose.add(connection);
            } else {
                connections.addFirst(connection);
            }
            while (!connections.isEmpty() && expired(connections.peekLast(), nowNanos)) {
                toClose = toClose == null ? new ArrayList<>() : toClose;
                toClose.add(connections.pollLast());
            }
        } finally {
            lock.unlock();
        }
        if (toClose != null) {
            toClose.forEach(Connection::close);
        }
    }

    private boolean expired(Connection connection, long nowNanos) {
        return nowNanos - connection.idleSinceNanos() > Math.min(idleTimeoutNanos, connection.maxIdleNanos());
    }

    int idleCount(Origin origin) {
        lock.lock();
        try {
            ArrayDeque<Connection> connections = idle.get(origin);
            return connections == null ? 0 : connections.size();
        } finally {
            lock.unlock();
        }
    }

    /** Closes every idle connection; connections given back later are closed too. */
    @Override
    public void close() {
        List<Connection> toClose = new ArrayList<>();
        lock.lock();
        try {
            closed = true;
            idle.values().forEach(toClose::addAll);
            idle.clear();
        } finally {
            lock.unlock();
        }
        toClose.forEach(Connection::close);
    }
}
