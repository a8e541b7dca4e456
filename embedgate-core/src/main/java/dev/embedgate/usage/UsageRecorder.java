package dev.embedgate.usage;

import dev.embedgate.metrics.GatewayMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns usage of every capability (embedding, rerank, chat) into ledger rows, priced with the {@link PriceTable}.
 * Requests only add to counters in memory; a background thread writes them to the ledger every flush interval (and
 * on close), so the request path never waits on the database. A ledger that cannot be written keeps the counts for
 * the next flush. After each flush the month's totals are read back from the ledger, so that what
 * {@link #spentNanoUsd} answers includes other instances sharing the ledger (to within a flush interval).
 * Thread-safe.
 */
public final class UsageRecorder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UsageRecorder.class);

    private final UsageLedger ledger;
    private final PriceTable prices;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final ConcurrentHashMap<UsageEntry.Key, UsageEntry> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;
    private volatile boolean ledgerFailing;
    private volatile MonthTotals monthTotals = MonthTotals.EMPTY;

    public UsageRecorder(UsageLedger ledger, PriceTable prices, Clock clock, Duration flushInterval,
                         GatewayMetrics metrics) {
        this.ledger = ledger;
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

    /**
     * Counts one use of a provider, of any capability, priced with the provider's {@link Price}: the cost is the
     * input tokens at the input price, the output tokens at the output price and the upstream calls at the
     * per-request price; what the cache hits saved is their tokens at the input price (not the per-request price:
     * how many calls the hits avoided is not known). Never waits on the ledger.
     */
    public void record(UsageEvent event) {
        Price price = prices.price(event.provider());
        long cost = price.costNanoUsd(event.inputTokens(), event.outputTokens(), event.calls());
        long saved = price.costNanoUsd(event.tokensSaved(), 0, 0);
        add(new UsageEntry(today(), event.capability(), event.provider(), event.model(), event.apiKey(),
                event.requests(), event.calls(), event.inputTokens(), event.outputTokens(), cost, event.cacheHits(),
                event.tokensSaved(), saved));
        if (event.calls() > 0 || event.inputTokens() > 0 || event.outputTokens() > 0) {
            metrics.spent(event.provider(), event.model(), event.inputTokens() + event.outputTokens(), cost);
        }
        if (event.cacheHits() > 0 || event.tokensSaved() > 0) {
            metrics.saved(event.provider(), event.model(), event.tokensSaved(), saved);
        }
    }

    private void add(UsageEntry entry) {
        pending.merge(entry.key(), entry, UsageEntry::plus);
    }

    /** Writes what was counted since the last flush; on failure keeps it for the next. */
    public synchronized void flush() {
        var batch = new ArrayList<UsageEntry>(pending.size());
        for (Map.Entry<UsageEntry.Key, UsageEntry> counted : pending.entrySet()) {
            // remove(key, value) fails if a request added meanwhile; the loop takes the newer value next time.
            if (pending.remove(counted.getKey(), counted.getValue())) {
                batch.add(counted.getValue());
            }
        }
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
        // Written rows are never put back, even if reading the totals fails: that would bill them twice.
        try {
            refreshTotals();
        } catch (RuntimeException e) {
            log.warn("usage ledger totals could not be read back; budgets keep the last totals: {}", e.getMessage());
        }
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
        long spent = monthTotals.spent(scope, name, period, today);
        for (UsageEntry entry : pending.values()) {
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
