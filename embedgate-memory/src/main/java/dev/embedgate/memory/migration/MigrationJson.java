package dev.embedgate.memory.migration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link Migration} as the JSON text stores keep it in (one form for every store, read back exactly). */
public final class MigrationJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MigrationJson() {
    }

    public static String write(Migration migration) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", migration.id());
        migration.scope().namespaces().forEach(node.putArray("namespaces")::add);
        node.put("target_space", migration.targetSpace());
        putInstant(node, "reembed_before", migration.scope().reembedBefore());
        node.put("batch_size", migration.batchSize());
        node.put("max_rate_share", migration.maxRateShare());
        node.put("started_by", migration.startedBy());
        node.put("state", migration.state().name());
        node.put("reason", migration.reason());
        putInstant(node, "resume_at", migration.resumeAt());
        ObjectNode previous = node.putObject("previous_spaces");
        migration.previousSpaces().forEach(previous::put);
        MigrationTotals totals = migration.totals();
        node.put("embedded", totals.embedded());
        node.put("tokens", totals.tokens());
        node.put("cost_nano_usd", totals.costNanoUsd());
        node.put("calls", totals.calls());
        putInstant(node, "created_at", migration.createdAt());
        putInstant(node, "updated_at", migration.updatedAt());
        putInstant(node, "backfilled_at", migration.backfilledAt());
        putInstant(node, "cut_over_at", migration.cutOverAt());
        return node.toString();
    }

    public static Migration read(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored migration is not valid JSON", e);
        }
        var namespaces = new ArrayList<String>();
        node.path("namespaces").forEach(each -> namespaces.add(each.asText()));
        Map<String, String> previous = new LinkedHashMap<>();
        node.path("previous_spaces").fields().forEachRemaining(each -> previous.put(each.getKey(),
                each.getValue().asText()));
        var scope = new MigrationScope(List.copyOf(namespaces), node.get("target_space").asText(),
                instant(node, "reembed_before"));
        var totals = new MigrationTotals(node.path("embedded").asLong(), node.path("tokens").asLong(),
                node.path("cost_nano_usd").asLong(), node.path("calls").asLong());
        return new Migration(node.get("id").asText(), scope, node.get("batch_size").asInt(),
                node.get("max_rate_share").asDouble(), node.path("started_by").asText(""),
                MigrationState.valueOf(node.get("state").asText()), text(node, "reason"), instant(node, "resume_at"),
                previous, totals, instant(node, "created_at"), instant(node, "updated_at"),
                instant(node, "backfilled_at"), instant(node, "cut_over_at"));
    }

    private static void putInstant(ObjectNode node, String field, Instant value) {
        node.put(field, value == null ? null : value.toString());
    }

    private static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? null : Instant.parse(value);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
