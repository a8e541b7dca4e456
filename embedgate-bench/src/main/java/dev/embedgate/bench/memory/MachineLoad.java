package dev.embedgate.bench.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The machine's 1-minute load average, read every few seconds while a benchmark runs, so that the report can say how
 * busy other processes kept the cores (a load well above the core count makes every figure of that run noisy).
 */
public final class MachineLoad implements AutoCloseable {

    private static final Path LOADAVG = Path.of("/proc/loadavg");

    private final ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor(task -> {
        var thread = new Thread(task, "machine-load");
        thread.setDaemon(true);
        return thread;
    });
    private final double first;
    private volatile double highest;

    private MachineLoad() {
        first = now();
        highest = first;
        reader.scheduleAtFixedRate(() -> highest = Math.max(highest, now()), 5, 5, TimeUnit.SECONDS);
    }

    public static MachineLoad watch() {
        return new MachineLoad();
    }

    /** The load average when watching started. */
    public double first() {
        return first;
    }

    /** The highest load average read so far. */
    public double highest() {
        return Math.max(highest, now());
    }

    /** The load average now. */
    public double now() {
        try {
            return Double.parseDouble(Files.readString(LOADAVG).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    @Override
    public void close() {
        reader.shutdownNow();
    }
}
