package dev.embedgate.provider.openai;

import java.util.Objects;

/**
 * How to speak to one OpenAI-compatible server.
 *
 * @param auth       how the key is sent
 * @param apiVersion Azure OpenAI's {@code api-version} query parameter, or null to send none
 * @param encoding   how vectors are asked for: base64 (smaller and exact; the default) or float, for servers that
 *                   do not support base64 (answers in either form are read whatever was asked)
 */
public record OpenAiOptions(Auth auth, String apiVersion, Encoding encoding) {

    /** How the API key travels. */
    public enum Auth {
        /** {@code Authorization: Bearer <key>}: OpenAI and most compatible servers. */
        BEARER,
        /** {@code api-key: <key>}: Azure OpenAI's key authentication. */
        API_KEY_HEADER
    }

    /** The {@code encoding_format} asked for. */
    public enum Encoding {
        BASE64,
        FLOAT
    }

    /** OpenAI itself and most compatible servers. */
    public static final OpenAiOptions DEFAULT = new OpenAiOptions(Auth.BEARER, null, Encoding.BASE64);

    public OpenAiOptions {
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(encoding, "encoding");
        if (apiVersion != null && !apiVersion.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("api-version must be a version such as 2024-10-21, was '" + apiVersion + "'");
        }
    }

    /**
     * Azure OpenAI with key authentication. The endpoint's base URL is the deployment's, e.g.
     * {@code https://my-resource.openai.azure.com/openai/deployments/my-embeddings}.
     *
     * @param apiVersion e.g. {@code 2024-10-21}
     */
    public static OpenAiOptions azure(String apiVersion) {
        return new OpenAiOptions(Auth.API_KEY_HEADER, Objects.requireNonNull(apiVersion, "apiVersion"), Encoding.BASE64);
    }

    public OpenAiOptions withEncoding(Encoding newEncoding) {
        return new OpenAiOptions(auth, apiVersion, newEncoding);
    }
}
