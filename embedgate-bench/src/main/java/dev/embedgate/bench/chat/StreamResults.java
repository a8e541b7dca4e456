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

    /** What the gateway adds to a figure at a stream count: the gateway's median minus the direct one. */
    public double added(int streams, ToDoubleFunction<StreamRun> figure) {
        return median(StreamTarget.GATEWAY, streams, figure) - median(StreamTarget.DIRECT, streams, figure);
    }

    public long errors() {
        return runs.stream().mapToLong(StreamRun::errors).sum();
    }
}
