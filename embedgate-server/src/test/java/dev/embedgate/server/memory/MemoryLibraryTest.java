package dev.embedgate.server.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.embedding.Caller;
import dev.embedgate.embedding.EmbeddingService;
import dev.embedgate.embedding.ModelRegistry;
import dev.embedgate.memory.HnswSettings;
import dev.embedgate.memory.MemorySettings;
import dev.embedgate.memory.MemoryService;
import dev.embedgate.memory.MemoryStore;
import dev.embedgate.memory.Metadata;
import dev.embedgate.memory.NewMemory;
import dev.embedgate.memory.Recall;
import dev.embedgate.memory.RecallRequest;
import dev.embedgate.memory.SavedMemory;
import dev.embedgate.memory.lucene.LuceneMemoryStore;
import dev.embedgate.provider.local.LocalModels;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's example of the memory as a library, as written there: it compiles and does what it says. */
class MemoryLibraryTest {

    @TempDir
    Path folder;

    @Test
    void theReadmesLibraryExampleSavesAndRecalls() {
        List<SavedMemory> saved;
        Recall recall;
        try (ModelRegistry models = LocalModels.embeddedDefault();
             MemoryStore store = LuceneMemoryStore.open(folder.resolve("memories"), HnswSettings.DEFAULT);
             MemoryService memory = new MemoryService(store, new EmbeddingService(models), MemorySettings.DEFAULT,
                     Clock.systemUTC())) {
            saved = memory.save(List.of(new NewMemory("team-a", "freeze", "Deploys are frozen on Fridays",
                    new Metadata(Map.of("source", "wiki")), 0.8)), Caller.ANONYMOUS, true);
            recall = memory.recall(RecallRequest.of("team-a", "can I ship on Friday?", 3), Caller.ANONYMOUS);
        }

        assertThat(saved).singleElement().satisfies(each ->
                assertThat(each.state()).isEqualTo(SavedMemory.State.EMBEDDED));
        assertThat(recall.memories()).singleElement().satisfies(found -> {
            assertThat(found.memory().id()).isEqualTo("freeze");
            assertThat(found.score()).isGreaterThan(0.2);
        });
    }
}
