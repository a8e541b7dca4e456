package dev.embedgate.server.api;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers, for requests it refuses before any route runs (a broken request line, a URI or headers
 * over its buffer, an unknown {@code Expect}, an HTTP version it does not speak), in OpenAI's error shape as JSON
 * instead of Jetty's HTML page.
 */
final class JsonErrorHandler implements Request.Handler {

    private final ApiResponses responses;

    JsonErrorHandler(ApiResponses responses) {
        this.responses = responses;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        String reason = (String) request.getAttribute(ErrorHandler.ERROR_MESSAGE);
        if (request.getAttribute(ErrorHandler.ERROR_EXCEPTION) instanceof HttpException failure) {
            status = failure.getCode();
            response.setStatus(status);
            reason = reason == null ? failure.getReason() : reason;
        }
        if (HttpStatus.getMessage(status).equals(reason)) {
            reason = null;
        }
        response.getHeaders().put(ErrorHandler.ERROR_CACHE_CONTROL);
        if (HttpStatus.hasNoBody(status) || HttpMethod.HEAD.is(request.getMethod())) {
            callback.succeeded();
            return true;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(responses.errorBody(ApiError.protocol(status, reason))), callback);
        return true;
    }
}
