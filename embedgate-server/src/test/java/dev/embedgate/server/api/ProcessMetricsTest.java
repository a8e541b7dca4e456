package dev.embedgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /metrics} carries the JVM's and the process's own series, with values that fit the running server. */
class ProcessMetricsTest {

    /** The sum of the series named {@code name} (all labels, or those holding every {@code labels} fragment). */
    private static double sum(List<String> scrape, String name, String... labels) {
        return series(scrape, name, labels).stream().mapToDouble(line -> Double.parseDouble(line.substring(
                line.lastIndexOf(' ') + 1))).sum();
    }

    private static List<String> series(List<String> scrape, String name, String... labels) {
        return scrape.stream()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .toList();
    }

    private static List<String> scrape(TestServer server) {
        return server.get("/metrics").body().lines().filter(line -> !line.startsWith("#")).toList();
    }

    @Test
    void memoryGcThreadsClassesCpuUptimeAndOpenFilesArePublishedWithPlausibleValues() throws InterruptedException {
        try (var server = new TestServer()) {
            System.gc();
            List<String> scrape = scrape(server);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (series(scrape, "jvm_gc_pause_seconds_count", "cause=\"System.gc()\"").isEmpty()
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
                scrape = scrape(server);
            }

            double heapUsed = sum(scrape, "jvm_memory_used_bytes", "area=\"heap\"");
            assertThat(heapUsed).isPositive().isLessThanOrEqualTo(Runtime.getRuntime().maxMemory() * 1.01);
            assertThat(sum(scrape, "jvm_memory_used_bytes", "area=\"nonheap\"")).isPositive();
            assertThat(sum(scrape, "jvm_gc_pause_seconds_count", "cause=\"System.gc()\"")).isGreaterThanOrEqualTo(1);
            assertThat(series(scrape, "jvm_gc_memory_allocated_bytes_total")).isNotEmpty();
            assertThat(sum(scrape, "jvm_threads_live_threads")).isPositive();
            assertThat(sum(scrape, "jvm_threads_peak_threads")).isGreaterThanOrEqualTo(sum(scrape, "jvm_threads_live_threads"));
            assertThat(sum(scrape, "jvm_classes_loaded_classes")).isGreaterThan(1_000);
            assertThat(series(scrape, "jvm_info", "version=\"" + System.getProperty("java.runtime.version") + "\""))
                    .hasSize(1);
            assertThat(sum(scrape, "process_cpu_usage")).isBetween(0.0, 1.0);
            assertThat(sum(scrape, "system_cpu_count")).isEqualTo(Runtime.getRuntime().availableProcessors());
            assertThat(sum(scrape, "process_uptime_seconds")).isPositive();
            assertThat(Instant.ofEpochMilli((long) (sum(scrape, "process_start_time_seconds") * 1000)))
                    .isBetween(Instant.now().minus(Duration.ofHours(6)), Instant.now());
            double openFiles = sum(scrape, "process_files_open_files");
            assertThat(openFiles).isPositive().isLessThan(sum(scrape, "process_files_max_files"));
        }
    }
}
