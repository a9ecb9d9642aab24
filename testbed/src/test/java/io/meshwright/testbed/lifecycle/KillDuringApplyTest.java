package io.meshwright.testbed.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwright.engine.lifecycle.DeployOptions;
import io.meshwright.engine.lifecycle.DeploymentRecord;
import io.meshwright.engine.lifecycle.UndeployOptions;
import io.meshwright.engine.lifecycle.UndeployReport;
import io.meshwright.spi.deploy.DeploymentState;
import io.meshwright.spi.deploy.InventoryStatus;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine is killed with SIGKILL in the middle of an apply; after a restart, the deployment is either rolled
 * back (undeployed) or resumed, and in both cases nothing is left untracked or behind.
 */
@RealCluster
class KillDuringApplyTest {

    private static final int CONFIG_MAPS = 120;
    private static final int KILL_AFTER = 30;

    @TempDir
    Path dataDir;

    @Test
    void aKillDuringApplyFollowedByRestartAndUndeployLeavesZeroObjects(ClusterHandle cluster) throws Exception {
        String namespace = cluster.namespace("killed");
        Path design = writeDesign(namespace);

        killChildDuringApply(cluster, design);

        try (LifecycleRig rig = new LifecycleRig(dataDir, cluster.client())) {
            DeploymentRecord interrupted = rig.lifecycle().list().getFirst();
            assertThat(interrupted.state()).isEqualTo(DeploymentState.APPLYING);

            UndeployReport report = rig.lifecycle().undeploy(interrupted.id(), UndeployOptions.defaults());

            assertThat(report.leftovers()).isEmpty();
            assertThat(report.deployment().state()).isEqualTo(DeploymentState.UNDEPLOYED);
            assertThat(rig.cluster().labelled(interrupted.id()).found()).isEmpty();
            assertThat(cluster.client().namespaces().withName(namespace).get()).isNull();
        }
    }

    @Test
    void aKillDuringApplyIsResumedAtRestartAndEveryObjectIsTracked(ClusterHandle cluster) throws Exception {
        String namespace = cluster.namespace("resumed");
        Path design = writeDesign(namespace);

        killChildDuringApply(cluster, design);

        try (LifecycleRig rig = new LifecycleRig(dataDir, cluster.client())) {
            List<DeploymentRecord> resumed = rig.lifecycle().resumeInterrupted();

            assertThat(resumed).singleElement().satisfies(record ->
                    assertThat(record.state()).as(record.cause()).isEqualTo(DeploymentState.DEPLOYED));
            String id = resumed.getFirst().id();
            assertThat(rig.lifecycle().inventory(id)).hasSize(CONFIG_MAPS + 1)
                    .allSatisfy(entry -> assertThat(entry.status()).isEqualTo(InventoryStatus.CONFIRMED));
            assertThat(rig.lifecycle().history(id)).anySatisfy(line -> assertThat(line).contains("interrupted"));

            assertThat(rig.lifecycle().undeploy(id, UndeployOptions.defaults()).leftovers()).isEmpty();
            assertThat(rig.cluster().labelled(id).found()).isEmpty();
        }
    }

    private Path writeDesign(String namespace) throws IOException {
        StringBuilder text = new StringBuilder("apiVersion: v1\nkind: Namespace\nmetadata: {name: " + namespace + "}\n");
        for (int i = 0; i < CONFIG_MAPS; i++) {
            text.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-").append(i)
                    .append(", namespace: ").append(namespace).append("}\ndata: {index: \"").append(i).append("\"}\n");
        }
        Path file = dataDir.resolve("killed-" + namespace + ".yaml");
        Files.writeString(file, text);
        return file;
    }

    /** Starts a child JVM deploying {@code design} and kills it with SIGKILL once it has applied some objects. */
    private void killChildDuringApply(ClusterHandle cluster, Path design) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), DeployChild.class.getName(),
                dataDir.toString(), cluster.kubeconfig().toString(), design.toString())
                .redirectErrorStream(true)
                .start();
        int applied = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (applied < KILL_AFTER && (line = out.readLine()) != null) {
                if (line.startsWith("APPLIED")) {
                    applied++;
                }
                assertThat(line).as("the child finished before it could be killed").doesNotStartWith("DONE");
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(child.exitValue()).isEqualTo(137);
        assertThat(applied).isEqualTo(KILL_AFTER);
    }
}
