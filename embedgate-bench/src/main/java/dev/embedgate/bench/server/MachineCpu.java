package dev.embedgate.bench.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole machine's CPU time so far, as the first line of Linux's {@code /proc/stat} counts it (clock ticks summed
 * over every core): how busy the cores were over a window, whoever kept them busy. A benchmark that shares the
 * machine with its load clients and the simulator needs it to tell queueing for a core from a system's own cost.
 *
 * @param busyTicks  user, nice, system, irq, softirq and steal time
 * @param totalTicks the same plus idle and iowait
 */
public record MachineCpu(long busyTicks, long totalTicks) {

    private static final Path STAT = Path.of("/proc/stat");

    public static MachineCpu now() {
        try {
            String first = Files.readAllLines(STAT).getFirst();
            String[] fields = first.trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal (guest time is counted in user already)
            long busy = 0;
            long idle = 0;
            for (int i = 1; i <= 8 && i < fields.length; i++) {
                long ticks = Long.parseLong(fields[i]);
                if (i == 4 || i == 5) {
                    idle += ticks;
                } else {
                    busy += ticks;
                }
            }
            return new MachineCpu(busy, busy + idle);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the machine's CPU time from " + STAT + " (Linux only)", e);
        }
    }

    /** The share of all cores' time that was busy since {@code earlier}, in percent; NaN over no time. */
    public double busyPercentSince(MachineCpu earlier) {
        long total = totalTicks - earlier.totalTicks;
        return total <= 0 ? Double.NaN : 100.0 * (busyTicks - earlier.busyTicks) / total;
    }
}
