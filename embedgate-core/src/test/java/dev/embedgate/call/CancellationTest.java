package dev.embedgate.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.embedgate.error.RequestCancelledException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CancellationTest {

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void aCancellationOutsideProviderWaitsInterruptsNothingAndRefusesTheNextWait() {
        try (Cancellation cancellation = Cancellation.open()) {
            cancellation.cancel();

            assertThat(Thread.currentThread().isInterrupted())
                    .as("cache and ledger I/O outside provider waits must not be interrupted").isFalse();
            var ran = new AtomicBoolean();
            assertThatThrownBy(() -> Cancellation.interruptibly(() -> ran.getAndSet(true)))
                    .isInstanceOf(RequestCancelledException.class);
            assertThat(ran).isFalse();
        }
    }

    @Test
    void aCancellationDuringAProviderWaitInterruptsItAndTheInterruptEndsWithTheWait() throws Exception {
        var waiting = new CountDownLatch(1);
        var outcome = new CompletableFuture<String>();
        var interruptedAfter = new CompletableFuture<Boolean>();
        var cancellationOf = new CompletableFuture<Cancellation>();
        Thread request = Thread.ofVirtual().start(() -> {
            try (Cancellation cancellation = Cancellation.open()) {
                cancellationOf.complete(cancellation);
                try {
                    outcome.complete(Cancellation.interruptibly(() -> {
                        waiting.countDown();
                        try {
                            Thread.sleep(30_000);
                            return "slept";
                        } catch (InterruptedException e) {
                            return "interrupted";
                        }
                    }));
                } finally {
                    interruptedAfter.complete(Thread.currentThread().isInterrupted());
                }
            }
        });
        assertThat(waiting.await(5, TimeUnit.SECONDS)).isTrue();

        cancellationOf.get(5, TimeUnit.SECONDS).cancel();

        assertThat(outcome.get(5, TimeUnit.SECONDS)).isEqualTo("interrupted");
        assertThat(interruptedAfter.get(5, TimeUnit.SECONDS)).as("cleared when the wait ends").isFalse();
        request.join(5_000);
    }

    @Test
    void withoutACancellationTheWorkJustRuns() {
        assertThat(Cancellation.interruptibly(() -> "done")).isEqualTo("done");
    }

    @Test
    void aClosedCancellationNoLongerGovernsTheThread() {
        Cancellation cancellation = Cancellation.open();
        cancellation.close();
        cancellation.cancel();

        assertThat(Cancellation.interruptibly(() -> "done")).isEqualTo("done");
    }
}
