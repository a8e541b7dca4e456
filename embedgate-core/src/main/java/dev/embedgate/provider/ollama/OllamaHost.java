package dev.embedgate.provider.ollama;

import java.net.URI;
import java.util.Locale;

/**
 * Reads {@code OLLAMA_HOST} the way the Ollama CLI does: the scheme is optional (http assumed), the port defaults
 * to 11434 without a scheme (80 / 443 with an explicit http / https), a missing host is 127.0.0.1, and a path is
 * kept (for servers behind a reverse proxy). A bind-all address ({@code 0.0.0.0}, {@code ::}), which is how a
 * server is often told to listen, is reached on loopback.
 */
public final class OllamaHost {

    /** Where Ollama listens unless told otherwise. */
    public static final URI DEFAULT = URI.create("http://localhost:11434");

    private OllamaHost() {
    }

    /**
     * @param value {@code OLLAMA_HOST}, e.g. {@code 0.0.0.0}, {@code gpu-box:11434}, {@code https://ollama.example.com}
     * @throws IllegalArgumentException if it cannot be read as a host (the message names OLLAMA_HOST)
     */
    public static URI parse(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        String text = value.strip();
        String scheme = "http";
        String defaultPort = "11434";
        int separator = text.indexOf("://");
        if (separator >= 0) {
            scheme = text.substring(0, separator).toLowerCase(Locale.ROOT);
            text = text.substring(separator + 3);
            if (scheme.equals("http")) {
                defaultPort = "80";
            } else if (scheme.equals("https")) {
                defaultPort = "443";
            } else {
                throw new IllegalArgumentException("OLLAMA_HOST must use http or https, was " + scheme + "://…");
            }
        }
        int slash = text.indexOf('/');
        String hostPort = slash < 0 ? text : text.substring(0, slash);
        String path = slash < 0 ? "" : text.substring(slash);
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }

        String host;
        String port;
        int colon = hostPort.lastIndexOf(':');
        boolean bracketed = hostPort.startsWith("[");
        if (bracketed && hostPort.indexOf(']') > 0) {
            int close = hostPort.indexOf(']');
            host = hostPort.substring(1, close);
            port = close + 1 < hostPort.length() && hostPort.charAt(close + 1) == ':' ? hostPort.substring(close + 2) : "";
        } else if (colon >= 0 && hostPort.indexOf(':') == colon) {
            host = hostPort.substring(0, colon);
            port = hostPort.substring(colon + 1);
        } else {
            host = hostPort;      // a bare host, or an IPv6 address without brackets or port
            port = "";
        }
        if (host.isEmpty()) {
            host = "127.0.0.1";
        }
        if (host.equals("0.0.0.0")) {
            host = "127.0.0.1";
        } else if (host.equals("::") || host.equals("0:0:0:0:0:0:0:0")) {
            host = "::1";
        }
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
            port = defaultPort;
        }
        String authority = host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
        try {
            URI uri = URI.create(scheme + "://" + authority + path);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("OLLAMA_HOST '" + value.strip() + "' is not a host[:port] or URL, e.g. "
                    + "localhost:11434 or http://gpu-box:11434", e);
        }
    }
}
