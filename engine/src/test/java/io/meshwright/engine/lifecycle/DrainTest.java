package io.meshwright.engine.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The graceful stop's bookkeeping, with real threads: what is refused, waited for, given up on and fenced off. */
class DrainTest {

    private final Drain drain = new Drain(Clock.systemUTC());

    @Test
    void workThatFinishesBeforeTheDeadlineIsWaitedForAndNotGivenUpOn() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> work = CompletableFuture.supplyAsync(() -> drain.run("d1", () -> {
            started.countDown();
            await(release);
            return drain.record(() -> "DEPLOYED");
        }));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Set<String>> drained = CompletableFuture.supplyAsync(() -> drain.drain(Duration.ofSeconds(30)));
        release.countDown();

        assertThat(drained.get(30, TimeUnit.SECONDS)).isEmpty();
        assertThat(work.get(10, TimeUnit.SECONDS)).isEqualTo("DEPLOYED");
    }

    @Test
    void newWorkIsRefusedWhileDraining() {
        drain.drain(Duration.ZERO);

        assertThatThrownBy(() -> drain.run("d2", () -> "never"))
                .isInstanceOf(EngineStoppingException.class).hasMessageContaining("stopping");
    }

    @Test
    void workStillRunningAtTheDeadlineIsReturnedInterruptedAndMayNoLongerWriteItsRecord() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<String> work = CompletableFuture.supplyAsync(() -> drain.run("d3", () -> {
            started.countDown();
            try {
                Thread.sleep(Duration.ofMinutes(5));
                return "slept";
            } catch (InterruptedException e) {
                // As a deploy whose cluster calls are interrupted: it tries to record its failure.
                return drain.record(() -> "FAILED");
            }
        }));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(drain.drain(Duration.ofMillis(100))).containsExactly("d3");
        drain.interruptAbandoned();

        assertThat(drain.awaitStopped(Duration.ofSeconds(10))).isTrue();
        assertThatThrownBy(work::join).hasCauseInstanceOf(EngineStoppingException.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
