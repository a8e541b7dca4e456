package dev.embedgate.bench.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MachineCpuTest {

    @Test
    void busyIsTheShareOfTicksSpentWorking() {
        var before = new MachineCpu(1_000, 4_000);
        var after = new MachineCpu(1_150, 4_200);

        assertThat(after.busyPercentSince(before)).isEqualTo(75.0);
        assertThat(after.busyPercentSince(after)).isNaN();
    }

    @Test
    void aCoreKeptBusyShowsInTheMachinesReading() throws Exception {
        long cores = Files.readAllLines(Path.of("/proc/stat")).stream().filter(line -> line.matches("cpu\\d+ .*")).count();
        MachineCpu before = MachineCpu.now();
        long end = System.nanoTime() + 300_000_000L;
        long spins = 0;
        while (System.nanoTime() < end) {
            spins++;
        }
        double busy = MachineCpu.now().busyPercentSince(before);

        assertThat(spins).isPositive();
        assertThat(busy).as("one of %d cores busy throughout", cores).isGreaterThan(100.0 / cores * 0.8);
    }
}
