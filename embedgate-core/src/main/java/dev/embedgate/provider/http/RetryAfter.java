package dev.embedgate.provider.http;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How long a provider asked us to wait: {@code retry-after-ms} (milliseconds, as OpenAI and Azure send) wins over
 * {@code retry-after} (seconds, or an HTTP date). Unparseable values are ignored; dates in the past mean zero.
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    public static Optional<Duration> from(HttpHeaders headers, Instant now) {
        Optional<Duration> millis = headers.firstValue("retry-after-ms").flatMap(value -> seconds(value, 1e-3));
        return millis.isPresent() ? millis : headers.firstValue("retry-after").flatMap(value -> parse(value, now));
    }

    /** A {@code Retry-After} value: delay-seconds (decimals tolerated) or an IMF-fixdate / RFC 1123 date. */
    public static Optional<Duration> parse(String value, Instant now) {
        Optional<Duration> seconds = seconds(value, 1);
        if (seconds.isPresent()) {
            return seconds;
        }
        try {
            Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Seconds from a number, a {@link Duration} from seconds × unit. */
    private static Optional<Duration> seconds(String value, double unitSeconds) {
        try {
            double amount = Double.parseDouble(value.strip());
            if (!Double.isFinite(amount) || amount < 0 || amount * unitSeconds > Duration.ofDays(1).toSeconds()) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos(Math.round(amount * unitSeconds * 1e9)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
