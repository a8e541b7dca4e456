package dev.embedgate.bench.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A process's memory as Linux reports it in {@code /proc/<pid>/status}.
 *
 * @param residentKiB current resident set (VmRSS)
 * @param peakKiB     highest resident set so far (VmHWM)
 */
public record ResidentMemory(long residentKiB, long peakKiB) {

    public static ResidentMemory of(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            List<String> lines = Files.readAllLines(status);
            return new ResidentMemory(field(lines, "VmRSS:", status), field(lines, "VmHWM:", status));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + status + " (resident memory is measured on Linux only)", e);
        }
    }

    private static long field(List<String> lines, String name, Path status) {
        return lines.stream().filter(line -> line.startsWith(name)).findFirst()
                .map(line -> Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]))
                .orElseThrow(() -> new IllegalStateException(status + " has no " + name));
    }

    /** Resident memory in MB (10^6 bytes). */
    public double residentMegabytes() {
        return residentKiB * 1024 / 1e6;
    }

    /** Peak resident memory in MB (10^6 bytes). */
    public double peakMegabytes() {
        return peakKiB * 1024 / 1e6;
    }
}
