package dev.embedgate.call;

import dev.embedgate.error.EmbedGateException;
import dev.embedgate.error.OverloadedException;
import dev.embedgate.error.ProviderFailureException;
import dev.embedgate.error.RateLimitedException;
import dev.embedgate.provider.ProviderCallException;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Every provider of a model failed: whether stale cache entries may answer, else what the caller is told. A full
 * queue everywhere is {@link OverloadedException}, limits and busy providers {@link RateLimitedException} (both with
 * when to come back), anything else {@link ProviderFailureException}, naming each provider and its kind of failure
 * only.
 */
public final class ProvidersFailed {

    private ProvidersFailed() {
    }

    /** The error a caller gets when no provider of the model answered, from the failures of their calls. */
    public static EmbedGateException report(String model, List<ProviderCallException> failures) {
        ProviderCallException last = failures.getLast();
        if (failures.stream().allMatch(failure -> failure.kind() == ProviderCallException.Kind.OVERLOADED)) {
            // A full local queue words its own refusal (how full, which share): no provider text in it.
            Duration retryAfter = failures.stream().map(f -> f.retryAfter().orElse(Duration.ofSeconds(1)))
                    .max(Comparator.naturalOrder()).orElseThrow();
            boolean oneProvider = failures.stream().map(ProviderCallException::provider).distinct().count() == 1;
            return new OverloadedException(oneProvider ? last.getMessage()
                    : summary("every provider of model '" + model + "' is overloaded: ", failures), retryAfter);
        }
        if (failures.stream().allMatch(ProviderCallException::busy)) {
            Duration retryAfter = failures.stream().map(f -> f.retryAfter().orElse(Duration.ZERO))
                    .max(Comparator.naturalOrder()).filter(wait -> !wait.isZero()).orElse(Duration.ofSeconds(1));
            return new RateLimitedException(summary("every provider of model '" + model
                    + "' is at its rate limit or busy: ", failures), retryAfter, last);
        }
        if (failures.size() == 1) {
            return new ProviderFailureException(last.provider(), last.kind().wireName(), last);
        }
        return new ProviderFailureException(last.provider(), summary("every provider of model '" + model + "' failed: ",
                failures), last);
    }

    /**
     * Whether stale cache entries may answer instead of an error: only for failures of the providers themselves. One
     * that refused the request as sent ({@code rejected}) may be refusing the caller's input, which the caller must
     * hear about; caller errors (bad input, budgets, keys, a cancelled request) are thrown before or instead of any
     * failure collected here.
     */
    public static boolean staleMayAnswer(List<ProviderCallException> failures) {
        return failures.stream().noneMatch(failure -> failure.kind() == ProviderCallException.Kind.REJECTED);
    }

    /**
     * What callers are told of failed calls: each provider and its kind of failure. Never the provider's own words
     * nor its URL: they may quote a credential or show an internal address. The last failure, as the cause, and
     * each provider's call path (its log lines, its last failure in status) keep those for operators.
     */
    private static String summary(String heading, List<ProviderCallException> failures) {
        var distinct = new LinkedHashSet<String>();
        for (ProviderCallException failure : failures) {
            distinct.add(failure.provider() + ": " + failure.kind().wireName());
        }
        return heading + String.join("; ", distinct);
    }
}
