package dev.embedgate.bench.report;

import static dev.embedgate.bench.ProviderBenchOptions.LAUNCHER_JVM_OPTIONS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.bench.ChatRerankBenchOptions;
import dev.embedgate.bench.chat.StreamPlan;
import dev.embedgate.bench.chat.StreamResults;
import dev.embedgate.bench.chat.StreamRun;
import dev.embedgate.bench.chat.StreamTarget;
import dev.embedgate.bench.rerank.RerankPlan;
import dev.embedgate.bench.rerank.RerankResults;
import dev.embedgate.bench.rerank.RerankRun;
import dev.embedgate.bench.rerank.RerankSystem;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatRerankReportTest {

    private static final MachineInfo MACHINE = new MachineInfo(2, "Test CPU", 8, "Linux", "JDK 25", "");
    private static final RunInfo RUN = new RunInfo(Instant.parse("2026-12-05T10:00:00Z"), Duration.ofMinutes(15),
            "scripts/bench.sh --chat-rerank", false);

    private static RerankResults rerank() {
        var plan = new RerankPlan(100, 10, List.of(1, 4), 3, Duration.ofSeconds(10), Duration.ofSeconds(5),
                Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(30), 30, 8);
        var runs = new ArrayList<RerankRun>();
        for (int round = 1; round <= 3; round++) {
            // Direct: 3,000 pairs/s at c=1 in every round; through EmbedGate 2,900, 2,800 and 2,700: median 2,800.
            runs.add(new RerankRun(RerankSystem.DIRECT, 1, round, 3_000, 33, 40, 900, 0, Double.NaN));
            runs.add(new RerankRun(RerankSystem.GATEWAY, 1, round, 3_000 - 100 * round, 34 + round, 45, 850, 0, 0.5));
        }
        return new RerankResults(plan, List.of(RerankSystem.GATEWAY, RerankSystem.DIRECT), 3_800, 200, 1, "cosine",
                "sim-cohere", runs);
    }

    /** The report of a run that measured chat only, its gateways with the launcher's JVM options. */
    private static String chatReport(StreamResults chat) {
        return chatReport(chat, LAUNCHER_JVM_OPTIONS);
    }

    private static String chatReport(StreamResults chat, List<String> gatewayJvmOptions) {
        return new ChatRerankReport().render(MACHINE, RUN, new ChatRerankReport.Results(0.5, 1.5, 1.0, null,
                "left out (--only)", chat, null, gatewayJvmOptions, null));
    }

    private static StreamResults chat(double gatewayTtftP99) {
        var plan = new StreamPlan(List.of(50), 1, Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(2),
                5, 15, 26, 15);
        return new StreamResults(plan, List.of(
                new StreamRun(StreamTarget.DIRECT, 50, 1, 2.0, 5.0, 15.1, 16.0, 30, 1_000, 29_000, 0, 0, 0, Double.NaN,
                        20, 60, 0, 0),
                new StreamRun(StreamTarget.GATEWAY, 50, 1, 2.5, gatewayTtftP99, 15.2, 17.0, 30, 990, 28_710, 0, 0, 0,
                        35, 21, 85, 0, 0)));
    }

    @Test
    void theGatewaysCostIsItsMedianAgainstTheDirectMedianAtEachClientCount() {
        String report = new ChatRerankReport().render(MACHINE, RUN,
                new ChatRerankReport.Results(0.5, 1.5, 1.0, rerank(), null, null, "left out (--only)",
                        LAUNCHER_JVM_OPTIONS, null));

        assertThat(report).contains("| 1 | 3,000 | 2,800 | 0.93 | 3.00 | 5.00 |");
        assertThat(report).contains("| simulated Cohere, direct | 1 | 3,000 | 33.0 | 40.0 | n/a | 3,000, 3,000, 3,000 |");
        assertThat(report).contains("EmbedGate made 1 upstream call(s) per request");
        assertThat(report).contains("Load average (1 min): 0.5 when the run started");
        assertThat(report).contains("### Streamed chat").contains("Not measured: left out (--only).");
    }

    @Test
    void theStreamingTargetsAreMetOnlyWhenTheAddedTimeIsBelowTheirLimit() {
        String met = chatReport(chat(7.0));
        assertThat(met).contains("| 50 | **EmbedGate added** | **0.50** | **2.00** | **0.10** | **1.00** | | | |");
        assertThat(met).contains("| 50 | EmbedGate | 2.50 | 7.00 | 15.20 | 17.00 | 35.0 / 21.0 | 85% | 990 |");
        assertThat(met).contains("| 50 | simulator, direct | 2.00 | 5.00 | 15.10 | 16.00 | n/a / 20.0 | 60% | 1000 |");
        assertThat(met).contains("| 50 streams: time to first token added at p50 < 1 ms | 0.50 ms | yes |");
        assertThat(met).contains("| 50 streams: time to first token added at p99 < 3 ms | 2.00 ms | yes |");

        String missed = chatReport(chat(9.5));
        assertThat(missed).contains("| 50 streams: time to first token added at p99 < 3 ms | 4.50 ms | **no** |");
    }

    @Test
    void gatewayJvmOptionsOtherThanTheLaunchersAreNamedInTheReport() {
        String launchers = chatReport(chat(7.0));
        assertThat(launchers).contains("JVM options `-Xms512m -Xmx512m -XX:+UseSerialGC`, the launcher's (the chat "
                + "benchmark's with a larger heap, below))")
                .doesNotContain("--gateway-jvm-options");

        String tuned = chatReport(chat(7.0), List.of("-Xmx512m", "-XX:+UseZGC"));
        assertThat(tuned).contains("EmbedGate (`serve`) with **JVM options `-Xmx512m -XX:+UseZGC`**")
                .contains("the simulator (`simulate`) with the launcher's");
    }

    @Test
    void theReportSaysHowLongClientsPausedBetweenStreamsOrThatTheyRanBackToBack() {
        String paused = chatReport(chat(7.0));
        assertThat(paused).contains("starting its next stream a random 0 to 15 ms after the last ended");

        StreamResults pausing = chat(7.0);
        StreamPlan plan = pausing.plan();
        var backToBack = new StreamPlan(plan.streams(), plan.rounds(), plan.jitWarmUp(), plan.settle(),
                plan.measured(), plan.turnsPerRound(), plan.tokenIntervalMillis(), plan.promptWords(), 0);
        String report = chatReport(new StreamResults(backToBack, pausing.runs()));
        assertThat(report).contains("starting its next stream as soon as the last ended (back to back")
                .doesNotContain("a random 0 to");
    }

    @Test
    void theReportSaysHowLongTheBodiesAre() {
        StreamPlan plan = chat(7.0).plan();

        assertThat(chatReport(chat(7.0))).contains("answers the user message (%d to %d words of a corpus text, %d on "
                .formatted(StreamPlan.shortestPrompt(plan.promptWords()), StreamPlan.longestPrompt(plan.promptWords()),
                        plan.promptWords()) + "average, each body its own length)");
    }

    @Test
    void theReportSaysWhetherTheLoadGeneratorCollectedGarbageInsideAMeasuredPart() {
        StreamResults quiet = chat(7.0);
        assertThat(chatReport(quiet))
                .contains("collects its garbage as every turn starts").contains("falls inside a measured part: none did.");

        assertThat(chatReport(withNginxRun(quiet, 0, 2, 0)))
                .contains("falls inside a measured part: **1 of 3 targets' turns in a round had one anyway**.");
    }

    @Test
    void theReportSaysWhetherTheSimulatorCollectedGarbageInsideAMeasuredPart() {
        StreamResults quiet = chat(7.0);
        assertThat(chatReport(quiet)).contains("So does the simulator").contains("inside a measured part: none.");

        assertThat(chatReport(withNginxRun(quiet, 0, 0, 3)))
                .contains("inside a measured part: **1 of 3 targets' turns in a round had one**.");
    }

    @Test
    void theReportSaysWhetherMeasuredStreamsEndedInsideTheirTurn() {
        StreamResults inside = chat(7.0);
        assertThat(chatReport(inside)).contains("5 turns of 4 s for each").contains("end inside the turn (all did)");

        assertThat(chatReport(withNginxRun(inside, 7, 0, 0))).contains("end inside the turn (**7 did not**)");
    }

    /** {@code results} and an nginx run with these streams that overran and these collections in measured parts. */
    private static StreamResults withNginxRun(StreamResults results, long overran, long loadGeneratorCollections,
            long simulatorCollections) {
        var runs = new ArrayList<>(results.runs());
        runs.add(new StreamRun(StreamTarget.NGINX, 50, 1, 2.3, 6.0, 15.1, 16.5, 30, 1_000, 29_000, 0, 0, overran, 12,
                20, 70, loadGeneratorCollections, simulatorCollections));
        return new StreamResults(results.plan(), runs);
    }

    @Test
    void theReferenceProxyGetsItsOwnAddedRowAndNoTargetsOrIsSaidToBeMissing() {
        StreamResults withNginx = chat(7.0);
        var runs = new ArrayList<>(withNginx.runs());
        runs.add(new StreamRun(StreamTarget.NGINX, 50, 1, 2.3, 6.0, 15.1, 16.5, 30, 1_000, 29_000, 0, 0, 0, 12, 20, 70,
                0, 0));
        String report = chatReport(new StreamResults(withNginx.plan(), runs));

        assertThat(report).contains("| 50 | nginx (reference proxy) | 2.30 | 6.00 | 15.10 | 16.50 | 12.0 / 20.0 | 70% | 1000 |");
        assertThat(report).contains("| 50 | **nginx (reference proxy) added** | **0.30** | **1.00** | **0.00** | **0.50** | | | |");
        assertThat(report).contains("nginx (worker_processes auto").doesNotContain("nginx was not installed");
        assertThat(report).doesNotContain("| 50 streams: time to first token added at p50 < 1 ms | 0.30 ms");

        assertThat(chatReport(chat(7.0)))
                .contains("nginx was not installed").doesNotContain("nginx (reference proxy)");
    }

    @Test
    void addedIsTheMedianOfTheSameRoundsDifferencesSoOneNoisyDirectRoundCannotMakeItNegative() {
        var plan = new StreamPlan(List.of(50), 3, Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofSeconds(2), 5, 15, 26, 15);
        var runs = new ArrayList<StreamRun>();
        double[] direct = {5, 6, 80};
        double[] gateway = {9, 25, 20};
        for (int round = 1; round <= 3; round++) {
            runs.add(new StreamRun(StreamTarget.DIRECT, 50, round, 2, direct[round - 1], 15, 16, 30, 1_000, 29_000, 0,
                    0, 0, Double.NaN, 20, 60, 0, 0));
            runs.add(new StreamRun(StreamTarget.GATEWAY, 50, round, 3, gateway[round - 1], 15, 16, 30, 1_000, 29_000, 0,
                    0, 0, 35, 21, 85, 0, 0));
        }
        // Differences 4, 19 and -60: their median is 4 (the difference of the medians would be 20 - 6 = 14).
        var results = new StreamResults(plan, runs);
        assertThat(results.added(StreamTarget.GATEWAY, 50, StreamRun::ttftP99Millis)).isEqualTo(4.0);
        assertThat(chatReport(results))
                .contains("| 50 | **EmbedGate added** | **1.00** | **4.00** |")
                .contains("round by round (the slowest 1% are a few bursts per turn, so rounds differ): "
                        + "50 streams: EmbedGate 4.00 / 19.00 / -60.00.");
        assertThat(chatReport(chat(7.0)))
                .as("one round has nothing to show round by round").doesNotContain("round by round");
    }

    @Test
    void aCandidateGatewayGetsItsOwnRowsAndTheIssuesTargetsStayOnTheGateway() {
        StreamResults chat = chat(7.0);
        var runs = new ArrayList<>(chat.runs());
        runs.add(new StreamRun(StreamTarget.CANDIDATE, 50, 1, 2.2, 6.0, 15.1, 16.5, 30, 1_000, 29_000, 0, 0, 0, 30, 20,
                80, 0, 0));
        var candidate = new ChatRerankBenchOptions.Candidate(Path.of("/tmp/other.jar"), List.of("-Xmx512m",
                "-XX:+UseZGC"));
        String report = new ChatRerankReport().render(MACHINE, RUN, new ChatRerankReport.Results(0.5, 1.5, 1.0, null,
                "left out (--only)", new StreamResults(chat.plan(), runs), null, LAUNCHER_JVM_OPTIONS, candidate));

        assertThat(report).contains("**the candidate** (`other.jar` with JVM options `-Xmx512m -XX:+UseZGC`)");
        assertThat(report).contains("| 50 | **EmbedGate candidate added** | **0.20** | **1.00** | **0.00** | **0.50** |");
        assertThat(report).contains("| 50 streams: time to first token added at p99 < 3 ms | 2.00 ms | yes |");
    }

    @Test
    void aBusyMachineIsSaidSo() {
        assertThat(new ChatRerankReport().render(MACHINE, RUN,
                new ChatRerankReport.Results(0.5, 9.0, 1.0, rerank(), null, chat(7.0), null, LAUNCHER_JVM_OPTIONS, null)))
                .contains("The machine was busy during the run** (load up to 9.0 on 2 cores");
        assertThat(new ChatRerankReport().render(MACHINE, RUN,
                new ChatRerankReport.Results(0.5, 1.5, 1.0, rerank(), null, chat(7.0), null, LAUNCHER_JVM_OPTIONS, null)))
                .doesNotContain("The machine was busy");
    }

    @Test
    void aQuickRunIsLabelledAsNotForPublishing() {
        var quick = new RunInfo(RUN.started(), RUN.took(), RUN.command() + " --quick", true);
        assertThat(new ChatRerankReport().render(MACHINE, quick,
                new ChatRerankReport.Results(0.5, 1.5, 1.0, rerank(), null, chat(7.0), null, LAUNCHER_JVM_OPTIONS, null)))
                .contains("Quick development run");
    }
}
