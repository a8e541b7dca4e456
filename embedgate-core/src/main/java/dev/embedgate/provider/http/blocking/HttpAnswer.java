package dev.embedgate.provider.http.blocking;

import java.net.http.HttpHeaders;

/** A whole answer: its final status (interim 1xx answers are skipped), headers and body. */
public record HttpAnswer(int status, HttpHeaders headers, byte[] body) {
}
