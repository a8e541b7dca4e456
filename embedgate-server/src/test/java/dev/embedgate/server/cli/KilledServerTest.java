package dev.embedgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.store.DataFolderLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server killed with {@code kill -9} (no shutdown hook runs, nothing is flushed), in a process of its own. */
class KilledServerTest {

    private static final Duration START = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    @Test
    void aServerKilledWithKill9StartsAgainOnItsFolder() throws Exception {
        Path config = Files.writeString(dir.resolve("embedgate.yaml"), "server: {host: 127.0.0.1}\n");
        Path data = dir.resolve("embedgate-data");
        ServeProcess.start(config, data, dir.resolve("killed.log")).awaitReady(START).killHard();
        assertThat(data.resolve(DataFolderLock.FILE)).as("left behind by the killed server").exists();

        try (var restarted = ServeProcess.start(config, data, dir.resolve("restarted.log")).awaitReady(START)) {
            assertThat(restarted.get("/ready").statusCode()).isEqualTo(200);
        }
    }
}
