package dev.embedgate.provider.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.embedgate.chat.ChatRequest;
import java.io.IOException;

/**
 * What a chat wire calls the sampling options, which every vendor takes under its own names (Cohere's {@code p},
 * Ollama's {@code num_predict}, ...); {@code temperature} is the same everywhere.
 *
 * @param topP      the name of {@link ChatRequest#topP()}
 * @param maxTokens the name of {@link ChatRequest#maxTokens()}
 * @param stop      the name of {@link ChatRequest#stop()}
 */
public record ChatOptionFields(String topP, String maxTokens, String stop) {

    /** Writes the options the request sets, under these names; unset ones are left to the provider. */
    public void write(JsonGenerator json, ChatRequest request) throws IOException {
        if (request.temperature() != null) {
            json.writeNumberField("temperature", request.temperature());
        }
        if (request.topP() != null) {
            json.writeNumberField(topP, request.topP());
        }
        if (request.maxTokens() != null) {
            json.writeNumberField(maxTokens, request.maxTokens());
        }
        if (!request.stop().isEmpty()) {
            ProviderJson.stringArray(json, stop, request.stop());
        }
    }
}
