package dev.embedgate.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;

/** Writes JSON answers and OpenAI-shaped errors. */
final class ApiResponses {

    private final ObjectMapper json;

    ApiResponses(ObjectMapper json) {
        this.json = json;
    }

    /** The error as JSON with its status, {@code Retry-After} when it says, and the challenge every 401 carries. */
    void error(Context ctx, ApiError error) {
        if (error.status() == 401) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        if (error.retryAfterSeconds() > 0) {
            ctx.header("Retry-After", Long.toString(error.retryAfterSeconds()));
        }
        ctx.status(error.status()).contentType("application/json").result(errorBody(error));
    }

    /** The JSON of an error, without its status and headers. */
    byte[] errorBody(ApiError error) {
        ObjectNode body = json.createObjectNode();
        ObjectNode fields = body.putObject("error");
        fields.put("message", error.message());
        fields.put("type", error.type());
        fields.put("param", error.param());
        fields.put("code", error.code());
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    void json(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(json.writeValueAsBytes(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("response not serialisable", e);
        }
    }
}
