package dev.embedgate.memory.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.memory.HnswSettings;
import dev.embedgate.memory.Memory;
import dev.embedgate.memory.MemoryStore;
import dev.embedgate.memory.PendingCursor;
import dev.embedgate.memory.migration.MemoryKey;
import dev.embedgate.memory.migration.MigrationStoreContract;
import dev.embedgate.memory.migration.MigrationTotals;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneMigrationStoreTest extends MigrationStoreContract {

    @TempDir
    Path folder;

    @Override
    protected MemoryStore open() {
        return LuceneMemoryStore.open(folder.resolve("memories"), HnswSettings.DEFAULT);
    }

    @Test
    void totalsScanPositionAndFailuresAreCommittedWhenTheirMethodReturns() throws Exception {
        saveNumbered("ns", 4);
        start("mig", List.of("ns"), null);
        List<Memory> claimed = migrations().claim("mig", "w", 2, Duration.ofMinutes(5)).memories();
        migrations().complete("mig", vectors(claimed.subList(0, 1)), new MigrationTotals(1, 2, 3, 4));
        migrations().fail("mig", List.of(MemoryKey.of(claimed.get(1))), "timeout", 3, Duration.ofMinutes(1));

        // The last commit, read beside the open store: what a kill -9 would leave.
        try (var directory = FSDirectory.open(folder.resolve("memories"));
             var reader = DirectoryReader.open(directory)) {
            MigrationDocuments.Stored stored = MigrationDocuments.read(reader).get("mig");
            assertThat(stored.migration().totals()).isEqualTo(new MigrationTotals(1, 2, 3, 4));
            assertThat(stored.checkpoint()).isEqualTo(new PendingCursor("ns", "m1"));
            assertThat(stored.failures()).singleElement().satisfies(row -> {
                assertThat(row.key()).isEqualTo(new MemoryKey("ns", "m1"));
                assertThat(row.attempts()).isEqualTo(1);
                assertThat(row.error()).isEqualTo("timeout");
                assertThat(row.givenUp()).isFalse();
            });
        }
    }
}
