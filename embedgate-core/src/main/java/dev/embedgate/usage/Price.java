package dev.embedgate.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * What one provider charges, in US dollars: per million input tokens, per million output tokens (chat completions),
 * and per request. "Per request" means per upstream call, which is what providers bill (a rerank "search", for
 * instance), not per gateway request: a gateway request that is split into three calls pays three times.
 *
 * @param usdPerMillionInputTokens  per million tokens sent (texts embedded, prompt, query and documents)
 * @param usdPerMillionOutputTokens per million tokens generated
 * @param usdPerRequest             per upstream call
 */
public record Price(BigDecimal usdPerMillionInputTokens, BigDecimal usdPerMillionOutputTokens,
                    BigDecimal usdPerRequest) {

    /** Charges nothing (local models, self-hosted servers, free tiers). */
    public static final Price FREE = new Price(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    // $ per 10^6 tokens = 10^3 nano-$ per token; $ per request = 10^9 nano-$ per request.
    private static final BigDecimal NANO_USD_PER_USD_PER_MILLION = BigDecimal.valueOf(1_000);
    private static final BigDecimal NANO_USD_PER_USD = BigDecimal.valueOf(1_000_000_000);

    public Price {
        Objects.requireNonNull(usdPerMillionInputTokens, "usdPerMillionInputTokens");
        Objects.requireNonNull(usdPerMillionOutputTokens, "usdPerMillionOutputTokens");
        Objects.requireNonNull(usdPerRequest, "usdPerRequest");
        if (usdPerMillionInputTokens.signum() < 0 || usdPerMillionOutputTokens.signum() < 0
                || usdPerRequest.signum() < 0) {
            throw new IllegalArgumentException("a price cannot be negative: $" + usdPerMillionInputTokens
                    + " per million input tokens, $" + usdPerMillionOutputTokens + " per million output tokens, $"
                    + usdPerRequest + " per request");
        }
    }

    /** A price on input tokens only, as embedding providers charge. */
    public static Price perMillionInputTokens(BigDecimal usd) {
        return new Price(usd, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    /**
     * The cost of a use, in 10^-9 US dollars: {@code inputTokens × input price + outputTokens × output price +
     * calls × request price}, summed exactly and rounded half up once.
     */
    public long costNanoUsd(long inputTokens, long outputTokens, long calls) {
        BigDecimal usd = usdPerMillionInputTokens.multiply(BigDecimal.valueOf(inputTokens))
                .add(usdPerMillionOutputTokens.multiply(BigDecimal.valueOf(outputTokens)))
                .multiply(NANO_USD_PER_USD_PER_MILLION)
                .add(usdPerRequest.multiply(NANO_USD_PER_USD).multiply(BigDecimal.valueOf(calls)));
        return usd.signum() == 0 ? 0 : usd.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
