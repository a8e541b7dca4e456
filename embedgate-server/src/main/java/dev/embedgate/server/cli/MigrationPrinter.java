package dev.embedgate.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Migrations, plans and verifications as a person reads them. */
final class MigrationPrinter {

    private MigrationPrinter() {
    }

    static void plan(PrintWriter out, JsonNode plan) {
        out.println("target:      " + plan.path("target_space").asText() + " (" + plan.path("target_model").asText()
                + ", " + plan.path("dimensions").asInt() + " dimensions, provider " + plan.path("provider").asText()
                + ")");
        out.println("namespaces:  " + String.join(", ", strings(plan.path("namespaces"))));
        out.println("memories:    " + plan.path("memories").asLong() + " in scope, " + plan.path("to_embed").asLong()
                + " to embed");
        out.println("tokens:      " + plan.path("tokens").asLong() + " in " + plan.path("requests").asLong()
                + " requests");
        out.println("cost:        $" + usd(plan.path("estimated_cost_usd")));
        JsonNode seconds = plan.path("estimated_seconds");
        out.println("duration:    " + (seconds.isNumber() ? clock(seconds.asLong()) : "unknown") + " ("
                + plan.path("estimate_basis").asText() + ")");
        out.println("rate share:  " + plan.path("rate_share").asDouble());
        plan.path("active_spaces").properties().forEach(entry -> out.println("  " + entry.getKey() + ": now "
                + entry.getValue().asText()));
        plan.path("notes").forEach(note -> out.println("note: " + note.asText()));
    }

    static void migration(PrintWriter out, JsonNode migration) {
        JsonNode progress = migration.path("progress");
        out.println(migration.path("id").asText() + "  " + migration.path("status").asText() + "  -> "
                + migration.path("target_space").asText());
        JsonNode namespaces = migration.path("namespaces");
        out.println("  namespaces: " + (namespaces.isEmpty() ? "every namespace" : String.join(", ", strings(namespaces))));
        out.println(String.format(Locale.ROOT, "  progress:   %d/%d (%.1f%%), %d missing, %d failed, %d leased",
                progress.path("done").asLong(), progress.path("total").asLong(), progress.path("percent").asDouble(),
                progress.path("missing").asLong(), progress.path("failed").asLong(), progress.path("leased").asLong()));
        JsonNode rate = migration.path("rate_per_second");
        JsonNode eta = migration.path("eta_seconds");
        if (rate.isNumber()) {
            out.println(String.format(Locale.ROOT, "  rate:       %.1f memories/s%s", rate.asDouble(),
                    eta.isNumber() ? ", ETA " + clock(eta.asLong()) : ""));
        }
        out.println("  spent:      " + migration.path("tokens").asLong() + " tokens, $"
                + usd(migration.path("cost_usd")) + ", " + migration.path("requests").asLong() + " requests");
        if (migration.path("reason").isTextual()) {
            out.println("  reason:     " + migration.path("reason").asText());
        }
        migration.path("previous_spaces").properties().forEach(entry -> out.println("  rollback:   "
                + entry.getKey() + " -> " + entry.getValue().asText()));
        for (JsonNode failure : migration.path("failures")) {
            out.println("  failed:     " + failure.path("namespace").asText() + "/" + failure.path("id").asText()
                    + " after " + failure.path("attempts").asInt() + " tries: " + failure.path("error").asText());
        }
    }

    static void verification(PrintWriter out, JsonNode verification) {
        out.println(String.format(Locale.ROOT, "overlap@%d: mean %.3f, lowest %.3f over %d queries",
                verification.path("k").asInt(), verification.path("mean_overlap").asDouble(),
                verification.path("min_overlap").asDouble(), verification.path("queries").asInt()));
        out.println("missing: " + verification.path("missing").asLong() + ", failed: "
                + verification.path("failed").asLong());
        for (JsonNode sample : verification.path("samples")) {
            out.println();
            out.println(String.format(Locale.ROOT, "query (%s, overlap %.2f): %s", sample.path("namespace").asText(),
                    sample.path("overlap").asDouble(), sample.path("query").asText()));
            var table = new TextTable("OLD", ">SIM", "NEW", ">SIM");
            JsonNode old = sample.path("old_results");
            JsonNode fresh = sample.path("new_results");
            for (int i = 0; i < Math.max(old.size(), fresh.size()); i++) {
                table.row(i < old.size() ? old.get(i).path("id").asText() : null,
                        i < old.size() ? similarity(old.get(i)) : null,
                        i < fresh.size() ? fresh.get(i).path("id").asText() : null,
                        i < fresh.size() ? similarity(fresh.get(i)) : null);
            }
            table.print(out);
        }
    }

    /** Dollars as written, never in exponent notation ($0.0007645, not $7.645E-4). */
    private static String usd(JsonNode amount) {
        return amount.isNumber() ? amount.decimalValue().toPlainString() : amount.asText();
    }

    private static String similarity(JsonNode hit) {
        return String.format(Locale.ROOT, "%.3f", hit.path("similarity").asDouble());
    }

    private static List<String> strings(JsonNode array) {
        var strings = new ArrayList<String>();
        array.forEach(each -> strings.add(each.asText()));
        return strings;
    }

    static String clock(long seconds) {
        return seconds >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60,
                seconds % 60) : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
