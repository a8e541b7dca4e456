package dev.embedgate.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.ProviderCallException.Kind;
import dev.embedgate.provider.Secret;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A provider's answer with a non-2xx status, and the standard reading of it ({@link #toException()}): 429 is
 * {@code RATE_LIMITED}, 401/403 {@code UNAUTHORIZED}, 408 {@code TIMEOUT}, 5xx {@code SERVER_ERROR}, any other
 * status {@code REJECTED}; the provider's own error message is repeated, made safe by {@link SafeText}.
 *
 * @param provider the provider's name, for messages
 * @param endpoint the endpoint as it may appear in messages ({@link RemoteEndpoint#describe()})
 * @param status   the HTTP status
 * @param headers  the answer's headers
 * @param body     the answer's body (possibly empty)
 * @param secret   the credential that was sent, or null; it is redacted from every message
 */
public record ErrorAnswer(String provider, String endpoint, int status, HttpHeaders headers, byte[] body, Secret secret) {

    private static final ObjectMapper JSON = ProviderJson.mapper();

    /** The body as JSON, if it is JSON. */
    public Optional<JsonNode> json() {
        if (body.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(JSON.readTree(body));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The provider's own explanation, made safe: OpenAI's {@code error.message}, Hugging Face's, TEI's and Ollama's
     * {@code error}, Cohere's {@code message}, a FastAPI server's {@code detail}; else the body's text; "" if none.
     */
    public String providerMessage() {
        String raw = json().map(ErrorAnswer::messageIn).orElseGet(this::plainText);
        return SafeText.of(raw, secret);
    }

    private static String messageIn(JsonNode root) {
        for (String field : new String[] {"error", "message", "detail"}) {
            JsonNode node = root.path(field);
            if (node.isObject() && node.path("message").isTextual()) {
                return node.path("message").asText();
            }
            if (node.isTextual()) {
                return node.asText();
            }
            if (node.isArray() && !node.isEmpty()) {
                return node.get(0).isTextual() ? node.get(0).asText()
                        : node.get(0).path("msg").asText(node.get(0).toString());
            }
        }
        return root.isTextual() ? root.asText() : root.toString();
    }

    private String plainText() {
        String text = new String(body, 0, Math.min(body.length, 4 * SafeText.MAX_LENGTH), StandardCharsets.UTF_8).strip();
        return text.startsWith("<") ? "(an HTML page)" : text;
    }

    /** How long the provider asked us to wait ({@code retry-after-ms} or {@code retry-after}). */
    public Optional<Duration> retryAfter() {
        return RetryAfter.from(headers, Instant.now());
    }

    /** The standard mapping of this answer to a failure. */
    public ProviderCallException toException() {
        String message = providerMessage();
        String said = message.isEmpty() ? "" : ": " + message;
        if (status == 429) {
            Duration wait = retryAfter().orElse(null);
            return failure(Kind.RATE_LIMITED, wait, "rate limited by " + endpoint + " (HTTP 429)" + said
                    + (wait == null ? "" : "; asked to retry after " + wait.toMillis() + " ms"));
        }
        if (status == 401 || status == 403) {
            return failure(Kind.UNAUTHORIZED, null, endpoint + " refused the credentials (HTTP " + status + ")" + said
                    + (secret == null ? "; no API key is configured for this provider" : "; check the configured API key"));
        }
        if (status == 408) {
            return failure(Kind.TIMEOUT, null, endpoint + " timed out the request (HTTP 408)" + said);
        }
        if (status >= 500) {
            return failure(Kind.SERVER_ERROR, retryAfter().orElse(null),
                    "server error from " + endpoint + " (HTTP " + status + ")" + said);
        }
        if (status >= 300 && status < 400) {
            return failure(Kind.REJECTED, null, endpoint + " answered with a redirect (HTTP " + status
                    + "); configure the URL it redirects to");
        }
        return failure(Kind.REJECTED, null, endpoint + " rejected the request (HTTP " + status + ")" + said);
    }

    /** A failure of the given kind for this answer; the message is prefixed with the provider's name. */
    public ProviderCallException failure(Kind kind, Duration retryAfter, String message) {
        return new ProviderCallException(provider, kind, status, retryAfter, provider + ": " + message, null);
    }
}
