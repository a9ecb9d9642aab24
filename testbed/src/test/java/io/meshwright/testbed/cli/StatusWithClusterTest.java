package io.meshwright.testbed.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meshwright status} as a user runs it, against an engine whose cluster is there. */
@RealCluster
class StatusWithClusterTest {

    @TempDir
    Path dir;

    @Test
    void statusShowsTheReachableClusterWithItsKubernetesVersion(ClusterHandle cluster) throws Exception {
        Distribution distribution = Distribution.built(dir.resolve("home"));
        try (Distribution.Engine engine = distribution.serve(dir.resolve("data"), dir.resolve("logs"),
                "--kubeconfig", cluster.kubeconfig().toString())) {
            Distribution.Run status = distribution.cli(engine, "status");

            assertThat(status.exitCode()).as(status.err()).isZero();
            assertThat(status.out()).containsPattern("cluster +https://\\S+ \\(context \\S+, kubeconfig " + cluster.kubeconfig()
                    + "\\): reachable, Kubernetes v1\\.\\d+");

            Distribution.Run validate = distribution.cli(engine, "design", "validate", "-f",
                    Path.of("../examples/designs/bookshelf.yaml").toAbsolutePath().normalize().toString());
            assertThat(validate.exitCode()).as("a reachable cluster is not reported unreachable: %s", validate.err()).isZero();
        }
    }
}
