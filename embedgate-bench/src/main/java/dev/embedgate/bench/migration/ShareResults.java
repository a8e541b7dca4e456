package dev.embedgate.bench.migration;

import dev.embedgate.bench.Samples;
import dev.embedgate.bench.server.Latencies;
import dev.embedgate.bench.server.RateResult;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * What the rate-share measurement found.
 *
 * @param notMeasured why it could not run, or null
 * @param memories    memories seeded per round (each round migrates its own namespace)
 */
public record ShareResults(SharePlan plan, String notMeasured, int memories, List<ShareRound> rounds) {

    public ShareResults {
        rounds = List.copyOf(rounds);
    }

    static ShareResults notMeasured(SharePlan plan, String reason) {
        return new ShareResults(plan, reason, 0, List.of());
    }

    public boolean measured() {
        return notMeasured == null;
    }

    public double medianShare() {
        return Samples.median(rounds.stream().mapToDouble(round -> round.share(plan.requestsPerMinute())).toArray());
    }

    public double highestShare() {
        return rounds.stream().mapToDouble(round -> round.share(plan.requestsPerMinute())).max().orElse(Double.NaN);
    }

    /** The online latencies of every round's window without ({@code ShareRound::alone}) or beside a migration. */
    public Latencies pooled(Function<ShareRound, RateResult> window) {
        return new Latencies(rounds.stream().map(window).flatMapToLong(result -> Arrays.stream(
                result.latencies().sortedNanos())).toArray());
    }

    /** The median over rounds of a figure of each round. */
    public double median(ToDoubleFunction<ShareRound> figure) {
        return Samples.median(rounds.stream().mapToDouble(figure).toArray());
    }

    /** Online requests refused (429 or other), without ({@code ShareRound::aloneAnswers}) or beside a migration. */
    public long refused(Function<ShareRound, OnlineAnswers> answers) {
        return rounds.stream().map(answers).mapToLong(OnlineAnswers::refused).sum();
    }

    public long rateLimited(Function<ShareRound, OnlineAnswers> answers) {
        return rounds.stream().map(answers).mapToLong(OnlineAnswers::rateLimited).sum();
    }

    public long sent(Function<ShareRound, OnlineAnswers> answers) {
        return rounds.stream().map(answers).mapToLong(OnlineAnswers::sent).sum();
    }
}
