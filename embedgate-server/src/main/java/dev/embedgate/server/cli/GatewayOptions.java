package dev.embedgate.server.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options of every command that talks to a running gateway: {@code --url} (else {@code EMBEDGATE_URL}, else
 * {@value #DEFAULT_URL}) and the API key to send, read from {@code EMBEDGATE_API_KEY} unless {@code --api-key-env}
 * names another variable.
 */
final class GatewayOptions {

    static final String URL_VARIABLE = "EMBEDGATE_URL";
    static final String DEFAULT_KEY_VARIABLE = "EMBEDGATE_API_KEY";
    static final String DEFAULT_URL = "http://127.0.0.1:8080";

    @Option(names = "--url", paramLabel = "URL",
            description = "The gateway (default: " + URL_VARIABLE + ", else " + DEFAULT_URL + ").")
    private URI url;

    @Option(names = "--api-key-env", paramLabel = "VAR",
            description = "The variable holding the gateway API key to send, when the gateway requires keys "
                    + "(default: " + DEFAULT_KEY_VARIABLE + ", sent when set).")
    private String apiKeyEnv;

    /** The gateway these options name. */
    URI url(CommandSpec command) {
        return url != null ? checked(url, "--url") : EmbedGateCli.environment(command).value(URL_VARIABLE)
                .map(value -> checked(parse(value), URL_VARIABLE)).orElse(URI.create(DEFAULT_URL));
    }

    /** A client for the gateway these options name, waiting up to {@code timeout} for each answer. */
    GatewayClient client(CommandSpec command, Duration timeout) {
        var environment = EmbedGateCli.environment(command);
        URI base = url(command);
        Optional<String> key = environment.value(apiKeyEnv == null ? DEFAULT_KEY_VARIABLE : apiKeyEnv);
        if (key.isEmpty() && apiKeyEnv != null) {
            throw new IllegalArgumentException("the variable " + apiKeyEnv + " is not set");
        }
        return new GatewayClient(base, key, timeout);
    }

    private static URI parse(String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(URL_VARIABLE + " is not a URL such as " + DEFAULT_URL + " ("
                    + e.getReason() + ")");
        }
    }

    private static URI checked(URI url, String source) {
        boolean http = "http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme());
        if (!http || url.getHost() == null) {
            throw new IllegalArgumentException(source + " must be an http:// or https:// URL with a host, such as "
                    + DEFAULT_URL);
        }
        return url;
    }
}
