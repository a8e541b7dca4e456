package dev.embedgate.memory.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    @Test
    void writersArrivingDuringACommitShareTheNextOne() throws Exception {
        var commits = new AtomicInteger();
        var firstStarted = new CountDownLatch(1);
        var releaseFirst = new CountDownLatch(1);
        var group = new GroupCommit(() -> {
            if (commits.incrementAndGet() == 1) {
                firstStarted.countDown();
                await(releaseFirst);
            }
        });
        try (var pool = Executors.newFixedThreadPool(9)) {
            Future<?> first = pool.submit(() -> {
                group.awaitDurable();
                return null;
            });
            assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
            var waiting = new ArrayList<Future<?>>();
            for (int i = 0; i < 8; i++) {
                waiting.add(pool.submit(() -> {
                    group.awaitDurable();
                    return null;
                }));
            }
            Thread.sleep(200);
            assertThat(waiting).noneMatch(Future::isDone);

            releaseFirst.countDown();
            first.get(10, TimeUnit.SECONDS);
            for (Future<?> each : waiting) {
                each.get(10, TimeUnit.SECONDS);
            }
        }
        assertThat(commits.get()).isEqualTo(2);
    }

    @Test
    void aFailedCommitFailsItsWriterAndTheNextWriterCommitsAgain() throws Exception {
        var calls = new AtomicInteger();
        var group = new GroupCommit(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IOException("disk full");
            }
        });

        assertThatThrownBy(group::awaitDurable).isInstanceOf(IOException.class).hasMessage("disk full");
        group.awaitDurable();

        assertThat(calls.get()).isEqualTo(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
