package dev.embedgate.server.status;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.embedgate.usage.BudgetGuard;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * One configured spend cap in {@code /status} and what it has spent this period.
 *
 * @param scope       {@code provider} or {@code model}
 * @param name        the provider or model it caps
 * @param period      {@code daily} or {@code monthly}
 * @param spentUsd    spent this period, in US dollars
 * @param capUsd      the cap, in US dollars
 * @param warning     spend is at or past the warning threshold
 * @param exhausted   spend is at or past the cap
 * @param onExhausted what happens then: {@code reject} or {@code reroute}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BudgetStatus(String scope, String name, String period, BigDecimal spentUsd, BigDecimal capUsd,
                           boolean warning, boolean exhausted, String onExhausted) {

    static BudgetStatus of(BudgetGuard.BudgetState state) {
        return new BudgetStatus(state.scope().name().toLowerCase(Locale.ROOT), state.name(), state.period().label(),
                state.spentUsd(), state.capUsd(), state.warning(), state.exhausted(),
                state.onExhausted().name().toLowerCase(Locale.ROOT));
    }
}
