package dev.embedgate.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Prices per input token, per output token and per call, in exact nano-dollars. */
class PriceTest {

    @Test
    void sumsInputOutputAndPerCallPartsExactlyAndRoundsOnce() {
        var price = new Price(new BigDecimal("0.0000004"), new BigDecimal("0.0000004"), new BigDecimal("0.0000000003"));

        // Each part alone is a fraction of a nano-dollar (0.0004, 0.0004, 0.3); rounded once, 3 calls and 1000
        // tokens each way make 0.4 + 0.4 + 0.9 = 1.7 -> 2.
        assertThat(price.costNanoUsd(1_000, 1_000, 3)).isEqualTo(2);
        assertThat(Price.perMillionInputTokens(new BigDecimal("0.13")).costNanoUsd(1_000_000, 5, 7))
                .isEqualTo(130_000_000);
    }

    @Test
    void providersWithoutAPriceAreFree() {
        var table = new PriceTable(Map.of("openai", Price.perMillionInputTokens(new BigDecimal("0.02"))));

        assertThat(table.price("local")).isEqualTo(Price.FREE);
        assertThat(table.costNanoUsd("local", 1_000, 1_000, 1)).isZero();
        assertThat(table.costNanoUsd("openai", 1_000, 0, 1)).isEqualTo(20_000);
    }

    @Test
    void refusesANegativePrice() {
        assertThatThrownBy(() -> new Price(BigDecimal.ONE, BigDecimal.ZERO, new BigDecimal("-0.01")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be negative");
    }
}
