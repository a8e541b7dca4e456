package dev.embedgate.server.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedgate.provider.Capability;
import dev.embedgate.usage.UsageEntry;
import dev.embedgate.usage.UsageLedger;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ledger summed per provider, model, key or day, as {@code embedgate cost} and the dashboard show it. */
class UsageServiceTest {

    private static final LocalDate MONDAY = LocalDate.parse("2026-11-02");
    private static final LocalDate TUESDAY = MONDAY.plusDays(1);

    private final List<UsageEntry> rows = List.of(
            new UsageEntry(MONDAY, Capability.EMBEDDING, "openai", "small", "key_a", 2, 1, 100, 0, 2_000, 1, 50, 1_000),
            new UsageEntry(TUESDAY, Capability.EMBEDDING, "openai", "small", "", 1, 1, 10, 0, 200, 0, 0, 0),
            new UsageEntry(TUESDAY, Capability.EMBEDDING, "local", "minilm", "key_a", 5, 2, 40, 0, 0, 3, 12, 0));

    private final UsageService service = new UsageService(new FixedLedger(rows));

    @Test
    void sumsEachGroupSortedByNameWithATotal() {
        UsageReport report = service.summary(UsageGrouping.PROVIDER, MONDAY);

        assertThat(report.groups()).containsExactly(
                new UsageTotal("local", 5, 2, 40, 0, 0, 3, 12, 0),
                new UsageTotal("openai", 3, 2, 110, 0, 2_200, 1, 50, 1_000));
        assertThat(report.total()).isEqualTo(new UsageTotal(UsageReport.TOTAL, 8, 4, 150, 0, 2_200, 4, 62, 1_000));
    }

    @Test
    void callersWithoutAKeyAreSummedUnderNoKey() {
        assertThat(service.summary(UsageGrouping.KEY, MONDAY).groups()).extracting(UsageTotal::group)
                .containsExactly(UsageGrouping.NO_KEY, "key_a");
        assertThat(service.summary(UsageGrouping.DAY, MONDAY).groups()).extracting(UsageTotal::group)
                .containsExactly("2026-11-02", "2026-11-03");
    }

    @Test
    void anEmptyLedgerHasNoTotal() {
        UsageReport report = new UsageService(UsageLedger.NONE).summary(UsageGrouping.MODEL, MONDAY);

        assertThat(report.groups()).isEmpty();
        assertThat(report.total()).isNull();
    }

    @Test
    void groupingsAreNamedInAnyCase() {
        assertThat(UsageGrouping.named("Model")).contains(UsageGrouping.MODEL);
        assertThat(UsageGrouping.named("colour")).isEmpty();
    }

    @Test
    void reportSerialisesWithSnakeCaseFieldsAndDollars() {
        JsonNode json = new ObjectMapper().valueToTree(service.summary(UsageGrouping.MODEL, MONDAY));

        assertThat(json.get("since").asText()).isEqualTo("2026-11-02");
        assertThat(json.get("by").asText()).isEqualTo("model");
        assertThat(json.at("/groups/1/group").asText()).isEqualTo("small");
        assertThat(json.at("/groups/1/cost_nano_usd").asLong()).isEqualTo(2_200);
        assertThat(json.at("/groups/1/cost_usd").decimalValue()).isEqualByComparingTo("0.0000022");
        assertThat(json.at("/total/cache_hits").asLong()).isEqualTo(4);
    }

    /** The rows given, filtered by day as the ledger does. */
    private record FixedLedger(List<UsageEntry> rows) implements UsageLedger {

        @Override
        public void add(Collection<UsageEntry> entries) {
            throw new UnsupportedOperationException("read only");
        }

        @Override
        public List<UsageEntry> since(LocalDate since) {
            return rows.stream().filter(row -> !row.day().isBefore(since)).toList();
        }
    }
}
