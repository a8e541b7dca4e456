package dev.embedgate.bench.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time a process has used so far, every thread's user and system time together, as Linux reports it in
 * {@code /proc/<pid>/stat} (in clock ticks of 10 ms: USER_HZ is 100 on every Linux architecture this runs on).
 * Differences over a window of several seconds are what to read; one reading alone says little.
 */
public final class ProcessCpu {

    private static final long NANOS_PER_TICK = 10_000_000;

    private ProcessCpu() {
    }

    /** User plus system CPU time of the process so far, in nanoseconds. */
    public static long nanos(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String line = Files.readString(stat);
            // The command name (field 2) is in parentheses and may hold spaces; count fields after its ')'.
            String[] fields = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
            long userTicks = Long.parseLong(fields[11]);     // field 14, utime
            long systemTicks = Long.parseLong(fields[12]);   // field 15, stime
            return (userTicks + systemTicks) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the CPU time of process " + pid + " from " + stat
                    + " (measured on Linux only)", e);
        }
    }
}
