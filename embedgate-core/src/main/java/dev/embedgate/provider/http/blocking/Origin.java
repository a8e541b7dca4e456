package dev.embedgate.provider.http.blocking;

import java.net.URI;
import java.util.Locale;

/**
 * Where a connection goes: scheme, host and port. Connections are pooled by origin.
 *
 * @param host without the brackets of an IPv6 literal
 */
record Origin(boolean secure, String host, int port) {

    static Origin of(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("only http and https URLs can be called, not " + scheme + ":");
        }
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("the URL has no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        boolean secure = scheme.equals("https");
        return new Origin(secure, host, uri.getPort() < 0 ? (secure ? 443 : 80) : uri.getPort());
    }

    /** The value of the {@code Host} header and the target of a {@code CONNECT}: the port only when not the default. */
    String authority(boolean withPort) {
        String name = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return withPort || port != (secure ? 443 : 80) ? name + ":" + port : name;
    }

    URI uri() {
        return URI.create((secure ? "https://" : "http://") + authority(true));
    }
}
