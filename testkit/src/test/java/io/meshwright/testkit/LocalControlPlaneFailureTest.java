package io.meshwright.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start failures must say what happened and what to do; fake binaries stand in for broken ones. */
class LocalControlPlaneFailureTest {

    @TempDir
    Path cache;

    @Test
    void etcdThatExitsIsReportedWithItsLogAndTheRunDirectoryIsKeptForInspection() throws IOException {
        fakeBinaries("echo 'etcdmain: open /data/member: permission denied' >&2; exit 1");

        assertThatThrownBy(() -> LocalControlPlane.start(cache, Clock.systemUTC()))
                .isInstanceOf(ControlPlaneException.class)
                .hasMessageContaining("etcd exited with code 1 while starting")
                .hasMessageContaining("permission denied")
                .hasMessageContaining("etcd.log");
        try (Stream<Path> runs = Files.list(cache.resolve("runs"))) {
            assertThat(runs).singleElement().satisfies(run -> assertThat(run.resolve("logs/etcd.log")).exists());
        }
    }

    @Test
    void portTakenByAnotherProcessIsRetriedWithFreshPortsThenReported() throws IOException {
        Path attempts = cache.resolve("attempts");
        fakeBinaries("echo x >> '" + attempts + "'; echo 'listen tcp 127.0.0.1:2379: bind: address already in use' >&2; exit 1");

        assertThatThrownBy(() -> LocalControlPlane.start(cache, Clock.systemUTC()))
                .isInstanceOf(ControlPlaneException.class)
                .hasMessageContaining("port it was given got taken");
        assertThat(Files.readAllLines(attempts)).hasSize(3);
    }

    @Test
    void missingBinariesOutsideTheRepositoryAskForProvision() {
        assertThatThrownBy(() -> ControlPlaneBinaries.cachedOrProvision(cache, Path.of("/"), Map.of()))
                .isInstanceOf(ControlPlaneException.class)
                .hasMessageContaining("Run 'testbed/cluster provision'")
                .hasMessageContaining("MESHWRIGHT_KUBECONFIG");
    }

    private void fakeBinaries(String etcdScript) throws IOException {
        Path bin = Files.createDirectories(ControlPlaneBinaries.binDir(cache));
        write(bin.resolve("etcd"), etcdScript);
        write(bin.resolve("kube-apiserver"), "exit 1");
        write(bin.resolve("kube-controller-manager"), "exit 1");
    }

    private static void write(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
