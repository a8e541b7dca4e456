package dev.embedgate.provider.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.ProviderCallException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.regex.Pattern;

/**
 * How one provider's HTTP calls word their failures, whole answers and streams alike: each failure gets the kind
 * that tells the pipeline what to do, and a message naming the provider and the endpoint (never a credential;
 * text from outside goes through {@link SafeText}).
 */
final class HttpFailures {

    /** Jackson's "(start marker at [Source: …; line: 1, column: 26])": noise in a one-line message. */
    private static final Pattern JACKSON_LOCATION = Pattern.compile("\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)|\\s*\\[Source:[^\\]]*\\]");

    private final String provider;
    private final RemoteEndpoint endpoint;

    HttpFailures(String provider, RemoteEndpoint endpoint) {
        this.provider = provider;
        this.endpoint = endpoint;
    }

    /** A failure to connect, or of the connection, or of the exchange in any other way. */
    ProviderCallException transport(Throwable failure) {
        if (failure instanceof HttpConnectTimeoutException) {
            return new ProviderCallException(provider, Kind.CONNECTION, 0, null, provider + ": could not connect to "
                    + endpoint.describe() + " within " + endpoint.timeout().toMillis() + " ms", failure);
        }
        if (failure instanceof HttpTimeoutException) {
            return timedOut(failure);
        }
        if (failure instanceof ConnectException) {
            return new ProviderCallException(provider, Kind.CONNECTION, 0, null, provider + ": could not connect to "
                    + endpoint.describe() + describeCause(failure), failure);
        }
        if (failure instanceof IOException || failure instanceof ClosedChannelException) {
            return new ProviderCallException(provider, Kind.CONNECTION, 0, null, provider + ": the connection to "
                    + endpoint.describe() + " failed" + describeCause(failure), failure);
        }
        return new ProviderCallException(provider, Kind.CONNECTION, 0, null, provider + ": the call to "
                + endpoint.describe() + " failed" + describeCause(failure), failure);
    }

    /** No whole answer within the endpoint's per-attempt timeout. */
    private ProviderCallException timedOut(Throwable cause) {
        return new ProviderCallException(provider, Kind.TIMEOUT, 0, null, provider + ": no complete answer from "
                + endpoint.describe() + " within " + endpoint.timeout().toMillis() + " ms", cause);
    }

    /** A stream's deadline passed. */
    ProviderCallException streamTimedOut(StreamDeadlines.Deadline deadline, StreamSettings settings, long events) {
        String where = endpoint.describe();
        String message = switch (deadline) {
            case FIRST_EVENT -> "no event from " + where + " within " + settings.firstEventTimeout().toMillis()
                    + " ms of sending the request";
            case IDLE -> "no event from " + where + " for " + settings.idleTimeout().toMillis() + " ms after event " + events;
            case TOTAL -> "the stream from " + where + " did not end within its total deadline of "
                    + settings.totalTimeout().toMillis() + " ms";
        };
        return new ProviderCallException(provider, Kind.TIMEOUT, 0, null, provider + ": " + message, null);
    }

    /** The caller's thread was interrupted while it waited. */
    ProviderCallException interrupted(Exception cause) {
        return new ProviderCallException(provider, Kind.TIMEOUT, 0, null,
                provider + ": interrupted while waiting for " + endpoint.describe(), cause);
    }

    /**
     * A 2xx answer (or one event of a streamed answer) that cannot be read.
     *
     * @param what "answer" or "event", for the message
     */
    ProviderCallException unreadable(int status, String what, Exception e) {
        // No cause attached: a parser's exception may quote the answer, which is not ours to repeat unfiltered.
        return new ProviderCallException(provider, Kind.INVALID_RESPONSE, status, null, provider + ": unreadable " + what
                + " from " + endpoint.describe() + ": " + SafeText.of(message(e), endpoint.apiKey()), null);
    }

    /** A 2xx stream that breaks its format's rules (an event larger than allowed). */
    ProviderCallException malformedStream(int status, MalformedStreamException e) {
        return new ProviderCallException(provider, Kind.INVALID_RESPONSE, status, null, provider + ": malformed stream from "
                + endpoint.describe() + ": " + SafeText.of(e.getMessage(), endpoint.apiKey()), null);
    }

    private String describeCause(Throwable failure) {
        String text = SafeText.of(message(failure), endpoint.apiKey());
        return text.isEmpty() ? "" : " (" + text + ")";
    }

    private static String message(Throwable failure) {
        String message = failure instanceof JsonProcessingException json ? json.getOriginalMessage() : failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.getClass().getSimpleName();
        }
        return JACKSON_LOCATION.matcher(message).replaceAll("");
    }
}
