package dev.embedgate.provider.http;

import dev.embedgate.provider.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a remote provider is and how to authenticate to it.
 *
 * @param baseUrl the provider's base URL, e.g. {@code https://api.openai.com/v1} (a trailing slash is dropped);
 *                http or https, without user info (credentials belong in {@code apiKey})
 * @param apiKey  the credential, or null when the server takes none (TEI, Ollama, a local vLLM)
 * @param timeout longest wait for one attempt, from sending the request to the last byte of the answer
 */
public record RemoteEndpoint(URI baseUrl, Secret apiKey, Duration timeout) {

    /** The per-attempt timeout when none is configured. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public RemoteEndpoint {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String scheme = baseUrl.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("base URL must be an absolute http(s) URL, e.g. https://api.openai.com/v1; was "
                    + describe(baseUrl));
        }
        if (baseUrl.getRawUserInfo() != null) {
            throw new IllegalArgumentException("base URL must not carry credentials (" + describe(baseUrl)
                    + "); configure the API key instead");
        }
        if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
            throw new IllegalArgumentException("base URL must not have a query or fragment: " + describe(baseUrl));
        }
        String text = baseUrl.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        baseUrl = URI.create(text);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
    }

    /** An endpoint with the default timeout. */
    public static RemoteEndpoint of(String baseUrl, Secret apiKey) {
        return new RemoteEndpoint(URI.create(baseUrl), apiKey, DEFAULT_TIMEOUT);
    }

    public RemoteEndpoint withTimeout(Duration newTimeout) {
        return new RemoteEndpoint(baseUrl, apiKey, newTimeout);
    }

    public Optional<Secret> key() {
        return Optional.ofNullable(apiKey);
    }

    /**
     * The base URL with the path appended and an optional query.
     *
     * @param path  starting with {@code /}, already percent-encoded where needed
     * @param query the raw query without {@code ?}, or null
     */
    public URI resolve(String path, String query) {
        return URI.create(baseUrl + path + (query == null ? "" : "?" + query));
    }

    /** The URL as it may appear in messages: scheme, host, port and path, never user info or query. */
    public String describe() {
        return describe(baseUrl);
    }

    private static String describe(URI uri) {
        if (uri.getHost() == null) {
            return "'" + (uri.getScheme() == null ? "" : uri.getScheme() + ":") + "…'";
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    @Override
    public String toString() {
        return "RemoteEndpoint[" + describe() + ", apiKey=" + (apiKey == null ? "none" : apiKey) + ", timeout=" + timeout + "]";
    }
}
