package dev.embedgate.provider.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/** Whether an endpoint accepts a TCP connection now: a probe no provider bills. */
final class Reachability {

    private static final int TIMEOUT_MILLIS = 1_000;

    private Reachability() {
    }

    static boolean accepts(URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
