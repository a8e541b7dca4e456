package dev.embedgate.bench.chat;

/**
 * One target's turns of one round at one stream count, together: percentiles over every stream started in their
 * measured parts (time to first token) and every gap between consecutive text chunks of those streams.
 *
 * @param streamsMeasured streams started in the measured parts and read to their end
 * @param gapsMeasured    inter-token gaps of those streams
 * @param errors          streams of the turns that failed or carried no text
 * @param notDone         measured streams that ended without {@code data: [DONE]}
 * @param overran         measured streams that ended after their turn, in the next target's
 * @param proxyCpuMicrosPerToken   CPU time of the target's proxy (EmbedGate's process, or nginx's master and
 *                        workers) over the measured parts per text chunk of the measured streams; NaN for the direct
 *                        target
 * @param simulatorCpuMicrosPerToken the same for the simulator, which generates every stream
 * @param machineBusyPercent          how busy all the machine's cores were over the measured parts (clients,
 *                                    simulator and proxy together), in percent
 * @param loadGeneratorCollections    garbage collections of the benchmark's own JVM during the measured parts
 * @param simulatorCollections        garbage collections of the simulator's JVM during the measured parts
 */
public record StreamRun(StreamTarget target, int streams, int round, double ttftP50Millis, double ttftP99Millis,
                        double gapP50Millis, double gapP99Millis, double tokensPerStream, long streamsMeasured,
                        long gapsMeasured, long errors, long notDone, long overran, double proxyCpuMicrosPerToken,
                        double simulatorCpuMicrosPerToken, double machineBusyPercent, long loadGeneratorCollections,
                        long simulatorCollections) {
}
