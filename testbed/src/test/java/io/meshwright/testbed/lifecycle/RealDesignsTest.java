package io.meshwright.testbed.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwright.engine.lifecycle.DeployOptions;
import io.meshwright.engine.lifecycle.DeploymentRecord;
import io.meshwright.engine.lifecycle.UndeployOptions;
import io.meshwright.engine.lifecycle.UndeployReport;
import io.meshwright.spi.deploy.DeploymentState;
import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Meshery designs deploy as they are (issue "First hour"): emojivoto puts its objects in a namespace it does
 * not declare, which is created, inventoried and removed again; meshkit's valid design declares Namespace
 * {@code default}, which exists and is kept untouched.
 */
@RealCluster
class RealDesignsTest {

    private static final Path DESIGNS = designs();

    @TempDir
    Path dataDir;

    /** {@code ../shared/real-data/meshery-designs} of the checkout, or of the folder holding it (a worktree's). */
    private static Path designs() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("../shared/real-data/meshery-designs"))) {
                return dir.resolve("../shared/real-data/meshery-designs").normalize();
            }
        }
        return Path.of("..", "..", "shared", "real-data", "meshery-designs");
    }

    @Test
    void emojivotoDeploysIntoTheNamespaceItUsesAndUndeployRemovesItAgain(ClusterHandle cluster) throws IOException {
        Path file = DESIGNS.resolve("meshery/emojivoto.yaml");
        Assumptions.assumeTrue(Files.isRegularFile(file), "../shared/real-data is not here: " + file.toAbsolutePath());
        KubernetesClient client = cluster.client();
        try (LifecycleRig rig = new LifecycleRig(dataDir, client)) {
            assertThat(client.namespaces().withName("emojivoto").get()).as("the cluster has no emojivoto yet").isNull();

            DeploymentRecord deployed = rig.lifecycle().deploy(rig.parse(Files.readString(file), file.toString()),
                    DeployOptions.defaults());

            assertThat(deployed.state()).as(deployed.cause()).isEqualTo(DeploymentState.DEPLOYED);
            assertThat(rig.lifecycle().inventory(deployed.id())).anySatisfy(entry -> {
                assertThat(entry.ref().gvk().kind()).isEqualTo("Namespace");
                assertThat(entry.ref().name()).isEqualTo("emojivoto");
                assertThat(entry.preExisting()).isFalse();
            });

            UndeployReport report = rig.lifecycle().undeploy(deployed.id(), UndeployOptions.defaults());

            assertThat(report.deployment().state()).as(report.deployment().cause()).isEqualTo(DeploymentState.UNDEPLOYED);
            assertThat(client.namespaces().withName("emojivoto").get()).isNull();
            assertThat(rig.cluster().labelled(deployed.id()).found()).isEmpty();
        }
    }

    @Test
    void withoutNamespaceCreationTheMissingNamespaceIsRefusedBeforeAnyWrite(ClusterHandle cluster) throws IOException {
        Path file = DESIGNS.resolve("meshery/emojivoto.yaml");
        Assumptions.assumeTrue(Files.isRegularFile(file), "../shared/real-data is not here: " + file.toAbsolutePath());
        try (LifecycleRig rig = new LifecycleRig(dataDir, cluster.client())) {
            DeploymentRecord refused = rig.lifecycle().deploy(rig.parse(Files.readString(file), file.toString()),
                    DeployOptions.defaults().withCreateNamespaces(false));

            assertThat(refused.state()).isEqualTo(DeploymentState.FAILED);
            assertThat(refused.cause()).contains("namespace emojivoto").contains("nothing was applied");
            assertThat(rig.lifecycle().inventory(refused.id())).isEmpty();
        }
    }

    @Test
    void aDeclaredNamespaceThatExistsUnchangedIsKeptAndTheRestDeploysAndGoes(ClusterHandle cluster) throws IOException {
        Path file = DESIGNS.resolve("meshkit/valid_design.yml");
        Assumptions.assumeTrue(Files.isRegularFile(file), "../shared/real-data is not here: " + file.toAbsolutePath());
        KubernetesClient client = cluster.client();
        String defaultUid = client.namespaces().withName("default").get().getMetadata().getUid();
        try (LifecycleRig rig = new LifecycleRig(dataDir, client)) {
            DeploymentRecord deployed = rig.lifecycle().deploy(rig.parse(Files.readString(file), file.toString()),
                    DeployOptions.defaults());

            assertThat(deployed.state()).as(deployed.cause()).isEqualTo(DeploymentState.DEPLOYED);
            InventoryEntry namespace = rig.lifecycle().inventory(deployed.id()).stream()
                    .filter(e -> e.ref().gvk().kind().equals("Namespace")).findFirst().orElseThrow();
            assertThat(namespace.preExisting()).as("kept as it was, never owned").isTrue();
            assertThat(client.namespaces().withName("default").get().getMetadata().getLabels())
                    .as("not modified").doesNotContainKey("meshwright.io/deployment");

            UndeployReport report = rig.lifecycle().undeploy(deployed.id(), UndeployOptions.defaults());

            assertThat(report.deployment().state()).as(report.deployment().cause()).isEqualTo(DeploymentState.UNDEPLOYED);
            assertThat(client.namespaces().withName("default").get().getMetadata().getUid()).isEqualTo(defaultUid);
            assertThat(rig.cluster().labelled(deployed.id()).found()).isEmpty();
        }
    }

    @Test
    void aDesignTheServerWouldRefuseAsInvalidStopsBeforeItsFirstWrite(ClusterHandle cluster) throws IOException {
        Path file = DESIGNS.resolve("schemas/design.yml");
        Assumptions.assumeTrue(Files.isRegularFile(file), "../shared/real-data is not here: " + file.toAbsolutePath());
        KubernetesClient client = cluster.client();
        try (LifecycleRig rig = new LifecycleRig(dataDir, client)) {
            DeploymentRecord refused = rig.lifecycle().deploy(rig.parse(Files.readString(file), file.toString()),
                    DeployOptions.defaults());

            assertThat(refused.state()).isEqualTo(DeploymentState.FAILED);
            assertThat(refused.cause()).contains("nothing was applied").contains("is invalid");
            assertThat(rig.lifecycle().inventory(refused.id())).as("no write happened").isEmpty();
            assertThat(client.namespaces().withName("helloah").get()).as("not even the namespace").isNull();
        }
    }
}
