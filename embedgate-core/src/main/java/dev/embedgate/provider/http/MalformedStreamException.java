package dev.embedgate.provider.http;

import java.io.IOException;

/** A streamed answer breaks its format's rules (an event or line larger than allowed); the call fails as an invalid response. */
final class MalformedStreamException extends IOException {

    MalformedStreamException(String message) {
        super(message);
    }
}
