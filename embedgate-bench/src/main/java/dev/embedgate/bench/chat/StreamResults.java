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
     * What the gateway adds to a figure at a stream count: the median over the rounds of the gateway's figure minus
     * the direct one of the same round (the two windows of a round are adjacent, so they share the machine's state).
     */
    public double added(int streams, ToDoubleFunction<StreamRun> figure) {
        List<StreamRun> direct = of(StreamTarget.DIRECT, streams);
        double[] differences = of(StreamTarget.GATEWAY, streams).stream()
                .flatMap(gateway -> direct.stream().filter(run -> run.round() == gateway.round())
                        .map(run -> figure.applyAsDouble(gateway) - figure.applyAsDouble(run)))
                .mapToDouble(Double::doubleValue).toArray();
        return Samples.median(differences);
    }

    public long errors() {
        return runs.stream().mapToLong(StreamRun::errors).sum();
    }
}
