package dev.embedgate.server.cli;

import dev.embedgate.server.config.Operations;
import dev.embedgate.server.usage.UsageGrouping;
import dev.embedgate.server.usage.UsageReport;
import dev.embedgate.server.usage.UsageTotal;
import dev.embedgate.usage.PriceTable;
import java.io.PrintWriter;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code embedgate cost}: the usage ledger as a table, grouped by provider, model, API key, capability or day. */
@Command(name = "cost", mixinStandardHelpOptions = true,
        description = "Prints what was spent and what the cache saved, from the usage ledger.")
final class CostCommand implements Runnable {

    @Mixin
    private StoreOptions store;

    @Spec
    private CommandSpec spec;

    @Option(names = "--since", paramLabel = "WHEN", description = "A UTC date (2026-11-01) or a number of days back "
            + "(7d); default: the start of this month.")
    private String since;

    @Option(names = "--by", paramLabel = "GROUP", defaultValue = "provider",
            description = "provider | model | key | capability | day (default: ${DEFAULT-VALUE}).")
    private String by;

    @Override
    public void run() {
        UsageGrouping grouping = UsageGrouping.named(by).orElseThrow(() -> new IllegalArgumentException(
                "--by must be provider, model, key, capability or day, not '" + by + "'"));
        LocalDate from = sinceDate();
        try (Operations operations = store.operations(EmbedGateCli.environment(spec))) {
            print(operations.usage().summary(grouping, from));
        }
    }

    private LocalDate sinceDate() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        if (since == null) {
            return today.withDayOfMonth(1);
        }
        if (since.matches("\\d+d")) {
            return today.minusDays(Long.parseLong(since.substring(0, since.length() - 1)));
        }
        try {
            return LocalDate.parse(since);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--since must be a date (2026-11-01) or days back (7d), not '" + since + "'");
        }
    }

    private void print(UsageReport report) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Usage since %s (UTC), by %s%n", report.since(), by);
        String format = "%-44s %9s %9s %13s %13s %12s %11s %12s %12s%n";
        out.printf(format, by.toUpperCase(Locale.ROOT), "REQUESTS", "CALLS", "INPUT TOKENS", "OUTPUT TOKENS", "COST $",
                "CACHE HITS", "TOKENS SAVED", "SAVED $");
        report.groups().forEach(group -> printRow(out, format, group));
        if (report.total() == null) {
            out.println("(nothing recorded)");
            return;
        }
        printRow(out, format, report.total());
    }

    private static void printRow(PrintWriter out, String format, UsageTotal row) {
        out.printf(format, row.group(), row.requests(), row.calls(), row.inputTokens(), row.outputTokens(),
                money(row.costNanoUsd()), row.cacheHits(), row.tokensSaved(), money(row.savedNanoUsd()));
    }

    private static String money(long nanoUsd) {
        return PriceTable.usd(nanoUsd).setScale(6, RoundingMode.HALF_UP).toPlainString();
    }
}
