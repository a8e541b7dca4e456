package dev.embedgate.bench.chat;

import dev.embedgate.bench.Samples;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** What the streaming chat benchmark measured: one run per target, stream count and round. */
public record StreamResults(StreamPlan plan, List<StreamRun> runs) {

    public StreamResults {
        runs = List.copyOf(runs);
    }

    public List<StreamRun> of(StreamTarget target, int streams) {
        return runs.stream().filter(run -> run.target() == target && run.streams() == streams).toList();
    }

    /** The median over the rounds of one figure; NaN if it was not measured. */
    public double median(StreamTarget target, int streams, ToDoubleFunction<StreamRun> figure) {
        return Samples.median(of(target, streams).stream().mapToDouble(figure).toArray());
    }

    /**
     * What a proxy (EmbedGate, or the reference nginx) adds to a figure at a stream count: the median over the rounds
     * of its figure minus the direct one of the same round (in a round the targets take turns every few seconds, so
     * they share the machine's state). NaN when the proxy was not measured.
     */
    public double added(StreamTarget proxy, int streams, ToDoubleFunction<StreamRun> figure) {
        return Samples.median(addedPerRound(proxy, streams, figure));
    }

    /** What the proxy added to a figure in each round, in the order the rounds ran. */
    public double[] addedPerRound(StreamTarget proxy, int streams, ToDoubleFunction<StreamRun> figure) {
        List<StreamRun> direct = of(StreamTarget.DIRECT, streams);
        return of(proxy, streams).stream()
                .flatMap(proxied -> direct.stream().filter(run -> run.round() == proxied.round())
                        .map(run -> figure.applyAsDouble(proxied) - figure.applyAsDouble(run)))
                .mapToDouble(Double::doubleValue).toArray();
    }

    /** How many targets took turns. */
    public int targetCount() {
        return (int) runs.stream().map(StreamRun::target).distinct().count();
    }

    public boolean measured(StreamTarget target) {
        return runs.stream().anyMatch(run -> run.target() == target);
    }

    /** Runs (a target's turns in a round) during whose measured parts the load generator's JVM collected garbage. */
    public long runsWithLoadGeneratorCollections() {
        return runs.stream().filter(run -> run.loadGeneratorCollections() > 0).count();
    }

    /** Runs during whose measured parts the simulator's JVM collected garbage. */
    public long runsWithSimulatorCollections() {
        return runs.stream().filter(run -> run.simulatorCollections() > 0).count();
    }

    /** Measured streams that ended after their turn did. */
    public long overran() {
        return runs.stream().mapToLong(StreamRun::overran).sum();
    }

    public long errors() {
        return runs.stream().mapToLong(StreamRun::errors).sum();
    }
}
