package dev.embedgate.provider.http.blocking;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Opens connections: directly, or through the proxy that the JVM's {@link ProxySelector} names for the origin
 * (HTTP proxies tunnel https with {@code CONNECT} and take plain-http requests in absolute form; SOCKS proxies are
 * the socket's business). TLS verifies the server's certificate and host name. Proxy authentication is not sent.
 * Connecting, the tunnel and the TLS handshake together end by the deadline; resolving the host name is the JVM's
 * (its DNS cache and timeouts).
 */
final class Connector {

    private final SSLSocketFactory tls;
    private final ProxySelector proxies;

    Connector(SSLSocketFactory tls, ProxySelector proxies) {
        this.tls = tls;
        this.proxies = proxies;
    }

    Connection open(Origin origin, long deadlineNanos) throws IOException {
        Proxy proxy = proxyFor(origin);
        // A direct plain connection is a channel's socket, so that a stream's body can be relayed without blocking
        // (StreamRelay); it is used through the socket as any other until then.
        Socket socket = proxy.type() == Proxy.Type.SOCKS ? new Socket(proxy)
                : proxy.type() == Proxy.Type.DIRECT && !origin.secure() ? SocketChannel.open().socket() : new Socket();
        try {
            socket.setTcpNoDelay(true);
            boolean viaHttpProxy = proxy.type() == Proxy.Type.HTTP;
            InetSocketAddress address = viaHttpProxy ? resolved((InetSocketAddress) proxy.address())
                    : proxy.type() == Proxy.Type.SOCKS ? InetSocketAddress.createUnresolved(origin.host(), origin.port())
                    : new InetSocketAddress(origin.host(), origin.port());
            try {
                socket.connect(address, millisLeft(deadlineNanos));
            } catch (SocketTimeoutException e) {
                throw new HttpConnectTimeoutException("no connection to " + (viaHttpProxy ? "the proxy " + address
                        : origin.authority(true)) + " before the deadline");
            }
            try (var watchdog = SocketWatchdog.arm(socket, deadlineNanos)) {
                try {
                    if (viaHttpProxy && origin.secure()) {
                        tunnel(socket, origin, deadlineNanos);
                    }
                    Socket connected = origin.secure() ? secure(socket, origin, deadlineNanos) : socket;
                    return new Connection(origin, socket, connected, viaHttpProxy && !origin.secure());
                } catch (IOException e) {
                    if (watchdog.fired()) {
                        throw new HttpConnectTimeoutException("no connection to " + origin.authority(true) + " before the deadline");
                    }
                    throw e;
                }
            }
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private Proxy proxyFor(Origin origin) {
        if (proxies == null) {
            return Proxy.NO_PROXY;
        }
        List<Proxy> choices = proxies.select(origin.uri());
        return choices == null || choices.isEmpty() ? Proxy.NO_PROXY : choices.getFirst();
    }

    /** The JDK's proxy selector names proxies by unresolved host names. */
    private static InetSocketAddress resolved(InetSocketAddress address) {
        return address.isUnresolved() ? new InetSocketAddress(address.getHostString(), address.getPort()) : address;
    }

    private static void tunnel(Socket socket, Origin origin, long deadlineNanos) throws IOException {
        String target = origin.authority(true);
        OutputStream out = socket.getOutputStream();
        out.write(("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        var in = new DeadlineInput(socket, socket);
        try {
            in.startExchange(deadlineNanos);
            int status = AnswerReader.head(in).status();
            if (status / 100 != 2 || in.hasBufferedBytes()) {
                // 407 means the proxy wants credentials, which this client does not send.
                throw new ProtocolException("the proxy refused to open a tunnel to " + target + " (status " + status + ")");
            }
        } finally {
            in.stopWatching();
        }
    }

    private Socket secure(Socket socket, Origin origin, long deadlineNanos) throws IOException {
        SSLSocket ssl = (SSLSocket) tls.createSocket(socket, origin.host(), origin.port(), true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setApplicationProtocols(new String[] {"http/1.1"});
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout(millisLeft(deadlineNanos));
        try {
            ssl.startHandshake();
        } catch (SocketTimeoutException e) {
            throw new HttpConnectTimeoutException("no TLS session with " + origin.authority(true) + " before the deadline");
        }
        return ssl;
    }

    private static int millisLeft(long deadlineNanos) throws HttpConnectTimeoutException {
        long leftNanos = deadlineNanos - System.nanoTime();
        if (leftNanos <= 0) {
            throw new HttpConnectTimeoutException("the deadline passed before a connection was open");
        }
        return DeadlineInput.timeoutMillis(leftNanos);
    }
}
