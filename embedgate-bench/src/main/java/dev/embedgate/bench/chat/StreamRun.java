package dev.embedgate.bench.chat;

/**
 * One measured window of one target: percentiles over every stream started in it (time to first token) and every
 * gap between consecutive text chunks of those streams.
 *
 * @param streamsMeasured streams started in the window and read to their end
 * @param gapsMeasured    inter-token gaps of those streams
 * @param errors          streams that failed or carried no text, warm-up included
 * @param notDone         measured streams that ended without {@code data: [DONE]}
 * @param proxyCpuMicrosPerToken   CPU time of the target's proxy (EmbedGate's process, or nginx's master and
 *                        workers) over the window's run (warm-up included) per text chunk streamed; NaN for the
 *                        direct target
 * @param simulatorCpuMicrosPerToken the same for the simulator, which generates every stream
 * @param machineBusyPercent          how busy all the machine's cores were over the window's run (clients, simulator
 *                                    and proxy together), in percent
 * @param loadGeneratorCollections    garbage collections of the benchmark's own JVM during the window's run
 */
public record StreamRun(StreamTarget target, int streams, int round, double ttftP50Millis, double ttftP99Millis,
                        double gapP50Millis, double gapP99Millis, double tokensPerStream, long streamsMeasured,
                        long gapsMeasured, long errors, long notDone, double proxyCpuMicrosPerToken,
                        double simulatorCpuMicrosPerToken, double machineBusyPercent, long loadGeneratorCollections) {
}
