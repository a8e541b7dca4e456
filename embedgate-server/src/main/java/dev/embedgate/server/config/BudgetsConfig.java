package dev.embedgate.server.config;

import dev.embedgate.usage.Budget;
import dev.embedgate.usage.PriceTable;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Spend caps. Per-key budgets live on the keys themselves ({@code embedgate keys create --daily-budget}).
 *
 * @param warnAtPercent share of a cap at which a warning is logged and shown in {@code /status}
 * @param providers     caps by provider name
 * @param models        caps by model name
 */
public record BudgetsConfig(Integer warnAtPercent, Map<String, Cap> providers, Map<String, Cap> models) {

    static final BudgetsConfig DEFAULT = new BudgetsConfig(null, null, null);

    public BudgetsConfig {
        warnAtPercent = Objects.requireNonNullElse(warnAtPercent, 80);
        ConfigChecks.require(warnAtPercent > 0 && warnAtPercent <= 100, "budgets.warnAtPercent",
                "must be between 1 and 100, was " + warnAtPercent);
        providers = providers == null ? Map.of() : Map.copyOf(providers);
        models = models == null ? Map.of() : Map.copyOf(models);
        models.forEach((name, cap) -> ConfigChecks.require(cap.action() == Budget.Action.REJECT,
                "budgets.models." + name + ".onExhausted", "can only be reject: a model has no other provider to go to "
                        + "(set reroute on a provider's budget instead)"));
    }

    /**
     * @param dailyUsd    cap per UTC day in US dollars, or null
     * @param monthlyUsd  cap per UTC month in US dollars, or null
     * @param onExhausted {@code reject} (429 until the period ends; the default) or {@code reroute} (providers
     *                    only: the route's next provider of the same space serves)
     */
    public record Cap(BigDecimal dailyUsd, BigDecimal monthlyUsd, String onExhausted) {
        public Cap {
            ConfigChecks.require(dailyUsd != null || monthlyUsd != null, "budgets.*.dailyUsd",
                    "or monthlyUsd must be set for every budget");
            ConfigChecks.require(dailyUsd == null || dailyUsd.signum() >= 0, "budgets.*.dailyUsd", "cannot be negative");
            ConfigChecks.require(monthlyUsd == null || monthlyUsd.signum() >= 0, "budgets.*.monthlyUsd", "cannot be negative");
            onExhausted = Objects.requireNonNullElse(onExhausted, "reject").toLowerCase(Locale.ROOT);
            ConfigChecks.require(onExhausted.equals("reject") || onExhausted.equals("reroute"), "budgets.*.onExhausted",
                    "must be reject or reroute, was " + onExhausted);
        }

        Budget.Action action() {
            return onExhausted.equals("reroute") ? Budget.Action.REROUTE : Budget.Action.REJECT;
        }

        Budget toBudget() {
            return new Budget(PriceTable.nanoUsd(dailyUsd), PriceTable.nanoUsd(monthlyUsd), action());
        }
    }
}
