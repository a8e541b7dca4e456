package dev.embedgate.provider.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import dev.embedgate.provider.ProviderResponse;
import dev.embedgate.provider.RemoteModel;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The answer shape TEI's {@code /embed} and the Hugging Face feature-extraction pipeline share: a bare JSON array
 * of vectors, one per input, with token usage (if any) in TEI's {@code x-compute-tokens} header.
 */
public final class VectorListAnswer {

    private VectorListAnswer() {
    }

    /**
     * Reads the answer to the texts sent for the model: its vectors, and the tokens the server reports (or the
     * model's count when it does not). The server does not say which texts it truncated, so none are reported.
     */
    public static ProviderHttpClient.AnswerReader<ProviderResponse> reader(List<String> texts, RemoteModel model) {
        return (body, headers) -> new ProviderResponse(
                vectors(body, texts.size(), model.space().dimensions()),
                computeTokens(headers).orElseGet(() -> model.countTokens(texts)),
                List.of());
    }

    /** The vectors of a {@code [[…], […]]} body. */
    public static List<float[]> vectors(byte[] body, int expectedCount, int dimensions) throws IOException {
        try (JsonParser json = ProviderJson.parser(body)) {
            ProviderJson.next(json);
            List<float[]> vectors = ProviderJson.vectorArray(json, expectedCount, dimensions);
            if (json.nextToken() != null) {
                throw new JsonParseException(json, "unexpected content after the vectors");
            }
            return vectors;
        }
    }

    /** Tokens the server reports having processed, if it does. */
    public static OptionalLong computeTokens(HttpHeaders headers) {
        Optional<String> value = headers.firstValue("x-compute-tokens");
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.get().strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
