package dev.embedgate.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.embedgate.embedding.Caller;
import dev.embedgate.embedding.Embeddings;
import dev.embedgate.embedding.ProviderUsage;
import dev.embedgate.error.BudgetExceededException;
import dev.embedgate.error.UsageNotRecordedException;
import dev.embedgate.metrics.GatewayMetrics;
import dev.embedgate.provider.Capability;
import dev.embedgate.space.EmbeddingSpace;
import dev.embedgate.space.Pooling;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the recorder counts and what it costs, for every capability, and what budgets see of it. */
class UsageRecorderTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-12-14");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-14T10:00:00Z"), ZoneOffset.UTC);

    // $0.02 per million input tokens = 20 nano-$ a token.
    private static final Price EMBEDDING = Price.perMillionInputTokens(new BigDecimal("0.02"));
    // $0.15 / $0.60 per million input / output tokens = 150 / 600 nano-$ a token.
    private static final Price CHAT = new Price(new BigDecimal("0.15"), new BigDecimal("0.60"), BigDecimal.ZERO);
    // $2 per 1000 searches = 2,000,000 nano-$ a call; tokens free.
    private static final Price RERANK = new Price(BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("0.002"));

    private final ListLedger ledger = new ListLedger();
    private final UsageRecorder recorder = new UsageRecorder(ledger,
            new PriceTable(Map.of("openai", EMBEDDING, "openai-chat", CHAT, "cohere-rerank", RERANK)), CLOCK,
            Duration.ofHours(1), GatewayMetrics.NONE);

    @AfterEach
    void close() {
        recorder.close();
    }

    @Test
    void chatEventCostsInputTokensAtTheInputPriceAndOutputTokensAtTheOutputPrice() {
        recorder.record(UsageEvent.served(Capability.CHAT, "openai-chat", "gpt-4o-mini", "key-a", 1, 300, 120));
        recorder.flush();

        assertThat(ledger.rows()).containsExactly(new UsageEntry(TODAY, Capability.CHAT, "openai-chat", "gpt-4o-mini",
                "key-a", 1, 1, 300, 120, 300 * 150 + 120 * 600, 0, 0, 0));
    }

    @Test
    void perRequestPriceIsChargedForEveryUpstreamCall() {
        recorder.record(UsageEvent.served(Capability.RERANK, "cohere-rerank", "rerank-v3.5", "", 3, 5_000, 0));
        recorder.record(UsageEvent.served(Capability.RERANK, "cohere-rerank", "rerank-v3.5", "", 1, 800, 0));
        recorder.flush();

        assertThat(ledger.rows()).singleElement().satisfies(row -> {
            assertThat(row.requests()).isEqualTo(2);
            assertThat(row.calls()).isEqualTo(4);
            assertThat(row.inputTokens()).isEqualTo(5_800);
            assertThat(row.costNanoUsd()).isEqualTo(4 * 2_000_000);
        });
    }

    @Test
    void cacheHitsSaveTheirTokensAtTheInputPriceOnly() {
        var price = new Price(new BigDecimal("0.10"), new BigDecimal("1"), new BigDecimal("0.001"));
        try (var priced = new UsageRecorder(ledger, new PriceTable(Map.of("p", price)), CLOCK, Duration.ofHours(1),
                GatewayMetrics.NONE)) {
            priced.record(new UsageEvent(Capability.EMBEDDING, "p", "m", "", 1, 0, 0, 0, 4, 50));
        }

        assertThat(ledger.rows()).singleElement().satisfies(row -> {
            assertThat(row.costNanoUsd()).isZero();
            assertThat(row.cacheHits()).isEqualTo(4);
            assertThat(row.savedNanoUsd()).isEqualTo(50 * 100);
        });
    }

    @Test
    void rowsOfDifferentCapabilitiesStayApart() {
        recorder.record(UsageEvent.served(Capability.EMBEDDING, "openai", "shared-name", "key-a", 1, 1_000, 0));
        recorder.record(UsageEvent.served(Capability.CHAT, "openai", "shared-name", "key-a", 1, 1_000, 10));
        recorder.record(UsageEvent.served(Capability.EMBEDDING, "openai", "shared-name", "key-a", 1, 500, 0));
        recorder.flush();

        assertThat(ledger.rows()).containsExactlyInAnyOrder(
                new UsageEntry(TODAY, Capability.EMBEDDING, "openai", "shared-name", "key-a", 2, 2, 1_500, 0, 30_000,
                        0, 0, 0),
                new UsageEntry(TODAY, Capability.CHAT, "openai", "shared-name", "key-a", 1, 1, 1_000, 10, 20_000, 0,
                        0, 0));
    }

    @Test
    void anEmbeddingRequestCountsOnceAcrossItsProvidersAndItsCacheHits() {
        var space = new EmbeddingSpace("test/model", "v1", 3, Pooling.MEAN, true, 256, "", "");
        var upstream = List.of(new ProviderUsage("openai", 2, 100), new ProviderUsage("backup", 1, 40));
        var usage = new Embeddings.Usage(upstream, 3, 60, "openai", 0);
        var served = new Embeddings(List.of(), "text-embedding-3-small", space, "openai,backup", List.of(), false,
                usage, List.of());

        served.usageEvents("key-a").forEach(recorder::record);
        recorder.flush();

        assertThat(ledger.rows()).containsExactlyInAnyOrder(
                new UsageEntry(TODAY, Capability.EMBEDDING, "openai", "text-embedding-3-small", "key-a", 1, 2, 100, 0,
                        2_000, 3, 60, 1_200),
                new UsageEntry(TODAY, Capability.EMBEDDING, "backup", "text-embedding-3-small", "key-a", 0, 1, 40, 0,
                        0, 0, 0, 0));
    }

    @Test
    void budgetsCountTheSpendOfEveryCapability() {
        var guard = new BudgetGuard(Map.of(), Map.of(), 80, recorder, CLOCK);
        var caller = new Caller("key-a", Set.of(), 200_000L, null);
        recorder.record(UsageEvent.served(Capability.EMBEDDING, "openai", "text-embedding-3-small", "key-a", 1, 1_000,
                0));
        recorder.record(UsageEvent.served(Capability.CHAT, "openai-chat", "gpt-4o-mini", "key-a", 1, 300, 120));
        recorder.flush();

        assertThat(recorder.spentNanoUsd(SpendScope.API_KEY, "key-a", SpendPeriod.DAY)).isEqualTo(20_000 + 117_000);
        guard.checkRequest("text-embedding-3-small", caller);

        recorder.record(UsageEvent.served(Capability.RERANK, "cohere-rerank", "rerank-v3.5", "key-a", 1, 10, 0));

        assertThatThrownBy(() -> guard.checkRequest("text-embedding-3-small", caller))
                .isInstanceOf(BudgetExceededException.class).hasMessageContaining("API key 'key-a'");
    }

    @Test
    void durableRecordingWritesTheRequestsRowsInOneDurableWriteBeforeItReturns() {
        var space = new EmbeddingSpace("test/model", "v1", 3, Pooling.MEAN, true, 256, "", "");
        var usage = new Embeddings.Usage(List.of(new ProviderUsage("openai", 1, 100)), 2, 40, "openai", 0);
        var served = new Embeddings(List.of(), "text-embedding-3-small", space, "openai", List.of(), false, usage,
                List.of());
        try (var durable = new UsageRecorder(ledger, new PriceTable(Map.of("openai", EMBEDDING)), CLOCK,
                Duration.ofHours(1), LedgerWrites.DURABLE, GatewayMetrics.NONE)) {

            durable.record(served.usageEvents("key-a"));

            assertThat(ledger.durableWrites()).isEqualTo(1);
            assertThat(ledger.rows()).singleElement().satisfies(row -> {
                assertThat(row.requests()).isEqualTo(1);
                assertThat(row.inputTokens()).isEqualTo(100);
                assertThat(row.cacheHits()).isEqualTo(2);
            });
        }
        assertThat(ledger.rows()).as("nothing is written twice at close").singleElement()
                .satisfies(row -> assertThat(row.requests()).isEqualTo(1));
    }

    @Test
    void durableRecordingRefusesWhenTheLedgerFailsAndWritesTheCountsOnceItWorks() {
        ledger.failing = true;
        try (var durable = new UsageRecorder(ledger, new PriceTable(Map.of("openai", EMBEDDING)), CLOCK,
                Duration.ofHours(1), LedgerWrites.DURABLE, GatewayMetrics.NONE)) {

            assertThatThrownBy(() -> durable.record(UsageEvent.served(Capability.EMBEDDING, "openai", "m", "key-a", 1,
                    1_000, 0))).isInstanceOf(UsageNotRecordedException.class);
            assertThat(durable.spentNanoUsd(SpendScope.API_KEY, "key-a", SpendPeriod.DAY))
                    .as("the provider was used all the same").isEqualTo(20_000);

            ledger.failing = false;
            durable.flush();

            assertThat(ledger.rows()).singleElement().satisfies(row -> assertThat(row.inputTokens()).isEqualTo(1_000));
        }
    }

    @Test
    void budgetsSeeDurableWritesAtOnceAndCountThemOnceAfterAFlush() {
        try (var durable = new UsageRecorder(ledger, new PriceTable(Map.of("openai", EMBEDDING)), CLOCK,
                Duration.ofHours(1), LedgerWrites.DURABLE, GatewayMetrics.NONE)) {
            durable.record(UsageEvent.served(Capability.EMBEDDING, "openai", "m", "key-a", 1, 1_000, 0));

            assertThat(durable.spentNanoUsd(SpendScope.API_KEY, "key-a", SpendPeriod.DAY)).isEqualTo(20_000);
            durable.flush();
            assertThat(durable.spentNanoUsd(SpendScope.API_KEY, "key-a", SpendPeriod.DAY)).isEqualTo(20_000);
        }
    }

    /** A ledger in memory that adds rows up as the database does. */
    private static final class ListLedger implements UsageLedger {

        private final List<UsageEntry> rows = new CopyOnWriteArrayList<>();
        private volatile boolean failing;
        private int durableWrites;

        @Override
        public synchronized void addDurably(Collection<UsageEntry> entries) {
            add(entries);
            durableWrites++;
        }

        synchronized int durableWrites() {
            return durableWrites;
        }

        @Override
        public synchronized void add(Collection<UsageEntry> entries) {
            if (failing) {
                throw new IllegalStateException("database is down");
            }
            for (UsageEntry entry : entries) {
                var same = rows.stream().filter(row -> row.key().equals(entry.key())).findFirst();
                same.ifPresentOrElse(row -> rows.set(rows.indexOf(row), row.plus(entry)), () -> rows.add(entry));
            }
        }

        @Override
        public List<UsageEntry> since(LocalDate since) {
            return rows.stream().filter(row -> !row.day().isBefore(since)).toList();
        }

        List<UsageEntry> rows() {
            return new ArrayList<>(rows);
        }
    }
}
