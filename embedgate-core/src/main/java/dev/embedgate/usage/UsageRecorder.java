package dev.embedgate.usage;

import dev.embedgate.error.UsageNotRecordedException;
import dev.embedgate.metrics.GatewayMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns usage of every capability (embedding, rerank, chat) into ledger rows, priced with the {@link PriceTable}.
 * How rows reach the ledger is a {@link LedgerWrites}: {@code BATCHED} requests only add to counters in memory, which
 * a background thread writes to the ledger every flush interval (and on close), so the request path never waits on
 * the database; {@code DURABLE} requests write their own rows, synced, before they are answered. A ledger that cannot
 * be written keeps the counts for the next flush. After each flush the month's totals are read back from the ledger,
 * so that what {@link #spentNanoUsd} answers includes other instances sharing the ledger (to within a flush
 * interval). Thread-safe.
 */
public final class UsageRecorder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UsageRecorder.class);

    private final UsageLedger ledger;
    private final PriceTable prices;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final LedgerWrites writes;
    private final ConcurrentHashMap<UsageEntry.Key, UsageEntry> pending = new ConcurrentHashMap<>();
    // Rows durable requests wrote since the totals were last read: in the ledger, not yet in monthTotals.
    private final ConcurrentHashMap<UsageEntry.Key, UsageEntry> written = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;
    private volatile boolean ledgerFailing;
    private volatile MonthTotals monthTotals = MonthTotals.EMPTY;

    /** A recorder whose writes are {@link LedgerWrites#BATCHED}. */
    public UsageRecorder(UsageLedger ledger, PriceTable prices, Clock clock, Duration flushInterval,
                         GatewayMetrics metrics) {
        this(ledger, prices, clock, flushInterval, LedgerWrites.BATCHED, metrics);
    }

    /**
     * @param flushInterval how often counted usage is written ({@code BATCHED}) and the month's totals are read back
     */
    public UsageRecorder(UsageLedger ledger, PriceTable prices, Clock clock, Duration flushInterval,
                         LedgerWrites writes, GatewayMetrics metrics) {
        this.ledger = ledger;
        this.writes = writes;
        this.metrics = metrics;
        this.prices = prices;
        this.clock = clock;
        this.flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "embedgate-usage-flush");
            thread.setDaemon(true);
            return thread;
        });
        flusher.scheduleWithFixedDelay(this::flush, flushInterval.toMillis(), flushInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            refreshTotals();
        } catch (RuntimeException e) {
            log.warn("usage ledger could not be read; budgets count from zero until it can: {}", e.getMessage());
        }
    }

    /** What each provider charges: what usage is priced at. */
    public PriceTable prices() {
        return prices;
    }

    /** Counts one use of a provider: {@link #record(List)} of one event. */
    public void record(UsageEvent event) {
        record(List.of(event));
    }

    /**
     * Counts one request's uses of providers, of any capability, each priced with the provider's {@link Price}: the
     * cost is the input tokens at the input price, the output tokens at the output price and the upstream calls at
     * the per-request price; what the cache hits saved is their tokens at the input price (not the per-request
     * price: how many calls the hits avoided is not known). {@code BATCHED}: never waits on the ledger.
     * {@code DURABLE}: returns once the request's rows are written and synced, in one transaction.
     *
     * @throws UsageNotRecordedException ({@code DURABLE} only) when the ledger cannot be written; the counts are
     *                                   kept for the next flush, since the providers were used all the same
     */
    public void record(List<UsageEvent> events) {
        var entries = new ArrayList<UsageEntry>(events.size());
        for (UsageEvent event : events) {
            entries.add(priced(event));
        }
        if (writes == LedgerWrites.BATCHED) {
            entries.forEach(this::add);
            return;
        }
        try {
            ledger.addDurably(entries);
        } catch (RuntimeException e) {
            entries.forEach(this::add);
            throw new UsageNotRecordedException(e);
        }
        entries.forEach(entry -> written.merge(entry.key(), entry, UsageEntry::plus));
    }

    private UsageEntry priced(UsageEvent event) {
        Price price = prices.price(event.provider());
        long cost = price.costNanoUsd(event.inputTokens(), event.outputTokens(), event.calls());
        long saved = price.costNanoUsd(event.tokensSaved(), 0, 0);
        if (event.calls() > 0 || event.inputTokens() > 0 || event.outputTokens() > 0) {
            metrics.spent(event.provider(), event.model(), event.inputTokens() + event.outputTokens(), cost);
        }
        if (event.cacheHits() > 0 || event.tokensSaved() > 0) {
            metrics.saved(event.provider(), event.model(), event.tokensSaved(), saved);
        }
        return new UsageEntry(today(), event.capability(), event.provider(), event.model(), event.apiKey(),
                event.requests(), event.calls(), event.inputTokens(), event.outputTokens(), cost, event.cacheHits(),
                event.tokensSaved(), saved);
    }

    private void add(UsageEntry entry) {
        pending.merge(entry.key(), entry, UsageEntry::plus);
    }

    /** Rows counted and not yet in the ledger: after {@link #close}, what a ledger that failed to write lost. */
    public int unwrittenRows() {
        return pending.size();
    }

    /** Writes what was counted since the last flush; on failure keeps it for the next. */
    public synchronized void flush() {
        List<UsageEntry> batch = drain(pending);
        try {
            if (!batch.isEmpty()) {
                ledger.add(batch);
            }
        } catch (RuntimeException e) {
            batch.forEach(this::add);
            if (!ledgerFailing) {
                log.warn("usage ledger could not be written; keeping {} rows for the next flush: {}", batch.size(),
                        e.getMessage());
            }
            ledgerFailing = true;
            return;
        }
        if (ledgerFailing) {
            log.info("usage ledger written again");
        }
        ledgerFailing = false;
        // The totals about to be read hold every row durable requests wrote before now; a row written while they
        // are read may count twice until the next flush.
        drain(written);
        // Written rows are never put back, even if reading the totals fails: that would bill them twice.
        try {
            refreshTotals();
        } catch (RuntimeException e) {
            log.warn("usage ledger totals could not be read back; budgets keep the last totals: {}", e.getMessage());
        }
    }

    /** Takes every row out of the map; a row a request adds to meanwhile stays, to be taken next time. */
    private static List<UsageEntry> drain(ConcurrentHashMap<UsageEntry.Key, UsageEntry> rows) {
        var drained = new ArrayList<UsageEntry>(rows.size());
        for (Map.Entry<UsageEntry.Key, UsageEntry> row : rows.entrySet()) {
            if (rows.remove(row.getKey(), row.getValue())) {
                drained.add(row.getValue());
            }
        }
        return drained;
    }

    private void refreshTotals() {
        LocalDate today = today();
        monthTotals = MonthTotals.of(today, ledger.since(today.withDayOfMonth(1)));
    }

    /**
     * What the scope's name spent in the period that holds now, on every capability, in 10^-9 US dollars: the
     * ledger as of the last flush, plus what this instance counted since.
     */
    public long spentNanoUsd(SpendScope scope, String name, SpendPeriod period) {
        LocalDate today = today();
        return monthTotals.spent(scope, name, period, today) + spent(pending, scope, name, period, today)
                + spent(written, scope, name, period, today);
    }

    private static long spent(ConcurrentHashMap<UsageEntry.Key, UsageEntry> rows, SpendScope scope, String name,
                              SpendPeriod period, LocalDate today) {
        long spent = 0;
        for (UsageEntry entry : rows.values()) {
            if (period.contains(entry.day(), today) && scope.nameIn(entry).equals(name)) {
                spent += entry.costNanoUsd();
            }
        }
        return spent;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    public UsageLedger ledger() {
        return ledger;
    }

    @Override
    public void close() {
        flusher.shutdown();
        flush();
    }
}
