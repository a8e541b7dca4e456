package dev.embedgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One server per data folder, within one process (the server tests hold it against a second process, and against
 * one killed with {@code kill -9}).
 */
class DataFolderLockTest {

    @TempDir
    Path dir;

    @Test
    void aSecondClaimIsRefusedNamingTheFolderUntilTheFirstIsGivenUp() {
        Path data = dir.resolve("data");
        try (DataFolderLock first = DataFolderLock.acquire(data)) {
            assertThatThrownBy(() -> DataFolderLock.acquire(dir.resolve("other/../data")))
                    .isInstanceOf(DataFolderInUseException.class)
                    .hasMessageStartingWith("the data folder " + data.toAbsolutePath() + " is in use by another "
                            + "EmbedGate server (pid " + ProcessHandle.current().pid() + ")");
        }

        DataFolderLock.acquire(data).close();
    }

    @Test
    void theFileLeftByAHolderThatDiedBlocksNothingAndNamesTheNewHolder() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve(DataFolderLock.FILE), "999999\n");

        try (DataFolderLock lock = DataFolderLock.acquire(data)) {
            assertThat(data.resolve(DataFolderLock.FILE)).hasContent(ProcessHandle.current().pid() + "\n");
        }
    }
}
