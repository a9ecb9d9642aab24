package io.meshwright.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run left behind by a JVM that died is cleaned up by the next start; a live JVM's run is not. */
class StaleRunsTest {

    @TempDir
    Path cache;

    @Test
    void runOfADeadJvmIsRemovedAndItsProcessesStopped() throws Exception {
        Path bin = Files.createDirectories(cache.resolve("bin"));
        Path fakeEtcd = Files.copy(Path.of("/bin/sleep"), bin.resolve("etcd"));
        Process orphan = new ProcessBuilder(fakeEtcd.toString(), "300").start();
        Path run = runDirectory("cp-dead", deadPid(), orphan.pid());

        StaleRuns.reap(cache.resolve("runs"), bin);

        assertThat(orphan.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(run).doesNotExist();
    }

    @Test
    void runOfALiveJvmIsLeftAlone() throws Exception {
        Path bin = Files.createDirectories(cache.resolve("bin"));
        Path fakeEtcd = Files.copy(Path.of("/bin/sleep"), bin.resolve("etcd"));
        Process running = new ProcessBuilder(fakeEtcd.toString(), "300").start();
        try {
            Path run = runDirectory("cp-live", ProcessHandle.current().pid(), running.pid());

            StaleRuns.reap(cache.resolve("runs"), bin);

            assertThat(running.isAlive()).isTrue();
            assertThat(run).exists();
        } finally {
            running.destroyForcibly().waitFor();
        }
    }

    private Path runDirectory(String name, long owner, long processPid) throws IOException {
        Path run = Files.createDirectories(cache.resolve("runs").resolve(name).resolve("run"));
        Files.writeString(run.getParent().resolve(StaleRuns.OWNER_FILE), owner + "\n");
        Files.writeString(run.resolve("etcd.pid"), processPid + "\n");
        return run.getParent();
    }

    private static long deadPid() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        return finished.pid();
    }
}
