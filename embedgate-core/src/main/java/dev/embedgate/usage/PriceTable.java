package dev.embedgate.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/** What each provider charges, in US dollars per million input tokens; providers not listed are free. */
public final class PriceTable {

    private static final BigDecimal NANO_USD_PER_USD_PER_MILLION = BigDecimal.valueOf(1_000);

    private final Map<String, BigDecimal> usdPerMillionTokens;

    public PriceTable(Map<String, BigDecimal> usdPerMillionTokens) {
        this.usdPerMillionTokens = Map.copyOf(usdPerMillionTokens);
        this.usdPerMillionTokens.forEach((provider, price) -> {
            if (price.signum() < 0) {
                throw new IllegalArgumentException("price of provider '" + provider + "' is negative: " + price);
            }
        });
    }

    public BigDecimal usdPerMillionTokens(String provider) {
        return usdPerMillionTokens.getOrDefault(provider, BigDecimal.ZERO);
    }

    /** The cost of {@code tokens} at the provider, in 10^-9 US dollars (rounded half up). */
    public long costNanoUsd(String provider, long tokens) {
        BigDecimal price = usdPerMillionTokens(provider);
        if (tokens == 0 || price.signum() == 0) {
            return 0;
        }
        // $ per 10^6 tokens = 10^3 nano-$ per token.
        return price.multiply(NANO_USD_PER_USD_PER_MILLION).multiply(BigDecimal.valueOf(tokens))
                .setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** Dollars as nano-dollars (rounded half up), or null for null. */
    public static Long nanoUsd(BigDecimal usd) {
        if (usd == null) {
            return null;
        }
        if (usd.signum() < 0) {
            throw new IllegalArgumentException("an amount of money here cannot be negative, was " + usd);
        }
        return usd.movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** Nano-dollars as dollars, for display. */
    public static BigDecimal usd(long nanoUsd) {
        return BigDecimal.valueOf(nanoUsd, 9).stripTrailingZeros();
    }
}
