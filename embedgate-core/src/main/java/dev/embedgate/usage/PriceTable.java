package dev.embedgate.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Objects;

/** What each provider charges (a {@link Price} per provider name); providers not listed are free. Immutable. */
public final class PriceTable {

    private final Map<String, Price> prices;

    public PriceTable(Map<String, Price> prices) {
        prices.forEach((provider, price) -> Objects.requireNonNull(price,
                () -> "price of provider '" + provider + "'"));
        this.prices = Map.copyOf(prices);
    }

    /** The provider's price, {@link Price#FREE} when none is listed. */
    public Price price(String provider) {
        return prices.getOrDefault(provider, Price.FREE);
    }

    /**
     * What a use of the provider cost, in 10^-9 US dollars (rounded half up); see
     * {@link Price#costNanoUsd(long, long, long)}.
     *
     * @param calls upstream calls: the per-request price is charged per call
     */
    public long costNanoUsd(String provider, long inputTokens, long outputTokens, long calls) {
        return price(provider).costNanoUsd(inputTokens, outputTokens, calls);
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
