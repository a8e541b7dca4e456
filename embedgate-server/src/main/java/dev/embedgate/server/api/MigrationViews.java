package dev.embedgate.server.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.embedgate.memory.migration.FailedMemory;
import dev.embedgate.memory.migration.Migration;
import dev.embedgate.memory.migration.MigrationCounts;
import dev.embedgate.memory.migration.MigrationPlan;
import dev.embedgate.memory.migration.MigrationStatus;
import dev.embedgate.memory.migration.MigrationTotals;
import dev.embedgate.memory.migration.Verification;
import dev.embedgate.usage.PriceTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The migration API's answers, as JSON sees them (snake_case, times in ISO-8601, money in US dollars). */
final class MigrationViews {

    private MigrationViews() {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record MigrationView(String object, String id, String status, String reason, List<String> namespaces,
                         String targetSpace, boolean force, int batchSize, double maxRateShare, Progress progress,
                         Double ratePerSecond, Long etaSeconds, long tokens, BigDecimal costUsd, long requests,
                         Map<String, String> previousSpaces, String createdAt, String updatedAt, String resumeAt,
                         String backfilledAt, String cutOverAt, List<FailureView> failures) {

        static MigrationView of(MigrationStatus status) {
            Migration migration = status.migration();
            MigrationTotals totals = migration.totals();
            return new MigrationView("migration", migration.id(), migration.state().name().toLowerCase(Locale.ROOT),
                    migration.reason(), migration.scope().namespaces(), migration.targetSpace(),
                    migration.scope().reembedBefore() != null, migration.batchSize(), migration.maxRateShare(),
                    Progress.of(status.counts()), status.perSecond(), status.etaSeconds(), totals.tokens(),
                    PriceTable.usd(totals.costNanoUsd()), totals.calls(), migration.previousSpaces(),
                    time(migration.createdAt()), time(migration.updatedAt()), time(migration.resumeAt()),
                    time(migration.backfilledAt()), time(migration.cutOverAt()),
                    status.failures().stream().map(FailureView::of).toList());
        }
    }

    /** @param percent done of total, 100 when there is nothing to do */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Progress(long total, long done, long missing, long failed, long leased, double percent) {

        static Progress of(MigrationCounts counts) {
            double percent = counts.total() == 0 ? 100 : Math.floor(1000.0 * counts.done() / counts.total()) / 10;
            return new Progress(counts.total(), counts.done(), counts.missing(), counts.failed(), counts.leased(),
                    percent);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record FailureView(String namespace, String id, int attempts, String error, String failedAt) {

        static FailureView of(FailedMemory failed) {
            return new FailureView(failed.namespace(), failed.id(), failed.attempts(), failed.error(),
                    time(failed.failedAt()));
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PlanView(String object, String targetSpace, String targetModel, int dimensions, String provider,
                    List<String> namespaces, Map<String, String> activeSpaces, long memories, long toEmbed,
                    long tokens, long requests, BigDecimal estimatedCostUsd, double rateShare, Long estimatedSeconds,
                    String estimateBasis, List<String> notes) {

        static PlanView of(MigrationPlan plan) {
            return new PlanView("migration.plan", plan.targetSpace(), plan.targetModel(), plan.dimensions(),
                    plan.provider(), plan.namespaces(), plan.activeSpaces(), plan.memories(), plan.toEmbed(),
                    plan.tokens(), plan.requests(), PriceTable.usd(plan.costNanoUsd()), plan.rateShare(),
                    plan.estimatedSeconds(), plan.estimateBasis(), plan.notes());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record VerificationView(String object, String migration, int k, int queries, double meanOverlap,
                            double minOverlap, long missing, long failed, List<SampleView> samples) {

        static VerificationView of(String migration, Verification verification) {
            return new VerificationView("migration.verification", migration, verification.k(),
                    verification.queries(), verification.meanOverlap(), verification.minOverlap(),
                    verification.missing(), verification.failed(),
                    verification.samples().stream().map(SampleView::of).toList());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SampleView(String namespace, String query, String oldSpace, List<Verification.Hit> oldResults,
                      List<Verification.Hit> newResults, double overlap) {

        static SampleView of(Verification.Sample sample) {
            return new SampleView(sample.namespace(), sample.query(), sample.oldSpace(), sample.oldResults(),
                    sample.newResults(), sample.overlap());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record DroppedSpaceView(String object, String space, long vectors) {
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
