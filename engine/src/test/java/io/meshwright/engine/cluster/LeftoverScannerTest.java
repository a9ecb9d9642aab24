package io.meshwright.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.model.Gvk;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import org.junit.jupiter.api.Test;

@RealCluster
class LeftoverScannerTest {

    @Test
    void theScanFindsEveryLabelledObjectOfTheDeploymentAndNothingElse(ClusterHandle cluster) {
        String ns = cluster.createNamespace("orphans");
        ClusterFixture f = new ClusterFixture(cluster.client(), ns);
        f.applier.apply(io.meshwright.engine.inventory.JournalingApplierTest.configMap("tracked", null), "p");
        cluster.client().secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("sneaked")
                .addToLabels(KubeObjects.DEPLOYMENT_LABEL, f.deploymentId).endMetadata().build()).create();
        cluster.client().configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata()
                .withName("unrelated").addToLabels(KubeObjects.DEPLOYMENT_LABEL, "someone-else").endMetadata()
                .build()).create();

        TargetCluster.LabelScan scan = f.cluster.labelled(f.deploymentId);

        assertThat(scan.unscanned()).isEmpty();
        assertThat(scan.found()).containsExactlyInAnyOrder(
                new ResourceRef(new Gvk("", "v1", "ConfigMap"), ns, "tracked"),
                new ResourceRef(new Gvk("", "v1", "Secret"), ns, "sneaked"));
    }

    @Test
    void aCleanClusterScansEveryKindAndFindsNothing(ClusterHandle cluster) {
        ClusterFixture f = new ClusterFixture(cluster.client(), "default");

        TargetCluster.LabelScan scan = f.cluster.labelled(f.deploymentId);

        assertThat(scan.unscanned()).isEmpty();
        assertThat(scan.found()).isEmpty();
    }
}
