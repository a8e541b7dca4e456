package dev.embedgate.server.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.embedding.EmbeddingService;
import dev.embedgate.embedding.ModelRegistry;
import dev.embedgate.embedding.Caller;
import dev.embedgate.error.ConflictException;
import dev.embedgate.memory.HnswSettings;
import dev.embedgate.memory.MemorySettings;
import dev.embedgate.memory.MemoryService;
import dev.embedgate.memory.MemoryStore;
import dev.embedgate.memory.lucene.LuceneMemoryStore;
import dev.embedgate.memory.migration.MigrationRequest;
import dev.embedgate.memory.migration.MigrationStore;
import dev.embedgate.provider.local.LocalModels;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts of overlapping migrations at the same moment: only one goes through, however slowly the store lists the
 * migrations there are (here, 100 ms a listing, as a loaded disk or a cold JVM may take).
 */
class MigrationStartRaceTest {

    private static final int STARTS = 8;

    @TempDir
    Path folder;

    @Test
    void ofOverlappingStartsAtOnceOnlyOneGoesThrough() throws Exception {
        var answers = new ArrayList<Future<String>>();
        try (ModelRegistry models = LocalModels.embeddedDefault();
             MemoryStore store = slowToListMigrations(LuceneMemoryStore.open(folder.resolve("m"), HnswSettings.DEFAULT));
             var memory = new MemoryService(store, new EmbeddingService(models), MemorySettings.DEFAULT,
                     Clock.systemUTC());
             var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var go = new CountDownLatch(1);
            for (int i = 0; i < STARTS; i++) {
                answers.add(threads.submit(() -> {
                    go.await();
                    try {
                        return memory.migrations().start(new MigrationRequest("bge-small-en-v1.5", List.of("race"),
                                null, false, null), Caller.ANONYMOUS).migration().id();
                    } catch (ConflictException e) {
                        return "refused";
                    }
                }));
            }
            go.countDown();
            for (Future<String> answer : answers) {
                answer.get();
            }
        }

        var outcomes = new ArrayList<String>();
        for (Future<String> answer : answers) {
            outcomes.add(answer.get());
        }
        assertThat(outcomes).filteredOn(outcome -> !outcome.equals("refused")).hasSize(1);
    }

    /** The store, whose migrations' {@code list()} takes 100 ms. */
    private static MemoryStore slowToListMigrations(MemoryStore store) {
        MigrationStore migrations = store.migrations();
        MigrationStore slow = delegate(MigrationStore.class, migrations, "list");
        return (MemoryStore) Proxy.newProxyInstance(MemoryStore.class.getClassLoader(),
                new Class<?>[] {MemoryStore.class}, (proxy, method, args) -> method.getName().equals("migrations")
                        ? slow : invoke(method, store, args));
    }

    private static <T> T delegate(Class<T> type, T target, String slowMethod) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals(slowMethod)) {
                Thread.sleep(100);
            }
            return invoke(method, target, args);
        }));
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
