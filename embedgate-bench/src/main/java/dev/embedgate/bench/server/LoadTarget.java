package dev.embedgate.bench.server;

import java.io.IOException;

/** Something the load generator sends requests to: one exchange per prepared body. Thread-safe. */
public interface LoadTarget {

    /** Sends the body (or, for a route that takes none, just the request) and reads the whole answer; returns its status. */
    int exchange(byte[] body) throws IOException, InterruptedException;
}
