package dev.embedgate.usage;

import dev.embedgate.embedding.Caller;
import dev.embedgate.error.BudgetExceededException;
import dev.embedgate.call.Guarded;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces spend caps per provider, per model and per gateway API key, against what the {@link UsageRecorder}
 * counted. A request is refused (or its provider skipped) once the cap is reached; the request that crosses it is
 * served. Crossing the warning threshold is logged once per cap and period, and shown by {@link #states}.
 * Thread-safe.
 */
public final class BudgetGuard {

    private static final Logger log = LoggerFactory.getLogger(BudgetGuard.class);

    private final Map<String, Budget> providers;
    private final Map<String, Budget> models;
    private final int warnAtPercent;
    private final UsageRecorder usage;
    private final Clock clock;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /**
     * @param providers     budgets by provider name
     * @param models        budgets by model (the canonical name)
     * @param warnAtPercent share of a cap at which a warning is raised
     */
    public BudgetGuard(Map<String, Budget> providers, Map<String, Budget> models, int warnAtPercent, UsageRecorder usage,
                       Clock clock) {
        this.providers = Map.copyOf(providers);
        this.models = Map.copyOf(models);
        this.warnAtPercent = warnAtPercent;
        this.usage = usage;
        this.clock = clock;
    }

    /**
     * Refuses the request if the model's or the caller's budget is spent.
     *
     * @throws BudgetExceededException naming the cap and when it resets
     */
    public void checkRequest(String model, Caller caller) {
        Budget modelBudget = models.get(model);
        if (modelBudget != null) {
            refuseIfSpent(SpendScope.MODEL, model, modelBudget);
        }
        if (!caller.apiKeyId().isEmpty()) {
            refuseIfSpent(SpendScope.API_KEY, caller.apiKeyId(), new Budget(caller.dailyBudgetNanoUsd(),
                    caller.monthlyBudgetNanoUsd(), Budget.Action.REJECT));
        }
    }

    /**
     * The providers that may still spend, in route order: a provider whose budget is spent is skipped if its
     * budget says reroute, and refuses the request if it says reject.
     *
     * @throws BudgetExceededException when a rejecting budget is spent, or no provider is left
     */
    public <G extends Guarded<?>> List<G> affordable(String model, List<G> route) {
        var allowed = new ArrayList<G>(route.size());
        SpentCap lastSpent = null;
        for (G provider : route) {
            Budget budget = providers.get(provider.name());
            SpentCap spent = budget == null ? null : spentCap(SpendScope.PROVIDER, provider.name(), budget);
            if (spent == null) {
                allowed.add(provider);
            } else if (budget.onExhausted() == Budget.Action.REJECT) {
                throw spent.exception();
            } else {
                lastSpent = spent;
            }
        }
        if (allowed.isEmpty() && lastSpent != null) {
            throw new BudgetExceededException("every provider of model '" + model + "' has spent its budget; "
                    + lastSpent.describe(), lastSpent.untilReset());
        }
        return allowed;
    }

    private void refuseIfSpent(SpendScope scope, String name, Budget budget) {
        SpentCap spent = spentCap(scope, name, budget);
        if (spent != null) {
            throw spent.exception();
        }
    }

    /** The first cap of the budget that is reached, or null; warns on the way. */
    private SpentCap spentCap(SpendScope scope, String name, Budget budget) {
        for (SpendPeriod period : SpendPeriod.values()) {
            Long cap = budget.cap(period);
            if (cap == null) {
                continue;
            }
            long spent = usage.spentNanoUsd(scope, name, period);
            if (spent >= cap) {
                return new SpentCap(scope, name, period, spent, cap, untilReset(period));
            }
            if (spent * 100 >= cap * warnAtPercent) {
                warnOnce(scope, name, period, spent, cap);
            }
        }
        return null;
    }

    private void warnOnce(SpendScope scope, String name, SpendPeriod period, long spent, long cap) {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZoneOffset.UTC));
        LocalDate periodStart = period == SpendPeriod.DAY ? now.toLocalDate() : now.toLocalDate().withDayOfMonth(1);
        if (warned.add(scope + "|" + name + "|" + period + "|" + periodStart)) {
            log.warn("{} '{}' has spent {}% of its {} budget (${} of ${})", scope.label(), name, spent * 100 / cap,
                    period.label(), PriceTable.usd(spent), PriceTable.usd(cap));
        }
    }

    private Duration untilReset(SpendPeriod period) {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZoneOffset.UTC));
        return Duration.between(now, period.end(now));
    }

    /** Every configured cap with what it has spent, for status and metrics. */
    public List<BudgetState> states() {
        var states = new ArrayList<BudgetState>();
        providers.forEach((name, budget) -> addStates(states, SpendScope.PROVIDER, name, budget));
        models.forEach((name, budget) -> addStates(states, SpendScope.MODEL, name, budget));
        return states;
    }

    private void addStates(List<BudgetState> states, SpendScope scope, String name, Budget budget) {
        for (SpendPeriod period : SpendPeriod.values()) {
            Long cap = budget.cap(period);
            if (cap != null) {
                long spent = usage.spentNanoUsd(scope, name, period);
                states.add(new BudgetState(scope, name, period, spent, cap, spent * 100 >= cap * warnAtPercent,
                        spent >= cap, budget.onExhausted()));
            }
        }
    }

    /**
     * @param warning   spend is at or past the warning threshold
     * @param exhausted spend is at or past the cap
     */
    public record BudgetState(SpendScope scope, String name, SpendPeriod period, long spentNanoUsd, long capNanoUsd,
                              boolean warning, boolean exhausted, Budget.Action onExhausted) {

        public BigDecimal spentUsd() {
            return PriceTable.usd(spentNanoUsd);
        }

        public BigDecimal capUsd() {
            return PriceTable.usd(capNanoUsd);
        }
    }

    private record SpentCap(SpendScope scope, String name, SpendPeriod period, long spent, long cap, Duration untilReset) {

        String describe() {
            return scope.label() + " '" + name + "' has spent $" + PriceTable.usd(spent).toPlainString() + " of its "
                    + period.label() + " budget of $" + PriceTable.usd(cap).toPlainString() + "; it resets in "
                    + untilReset.toMinutes() + " min (at the end of the UTC " + (period == SpendPeriod.DAY ? "day" : "month")
                    + ")";
        }

        BudgetExceededException exception() {
            return new BudgetExceededException("budget reached: " + describe(), untilReset);
        }
    }
}
