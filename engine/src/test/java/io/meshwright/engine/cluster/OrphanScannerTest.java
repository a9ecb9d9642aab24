package io.meshwright.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.model.Gvk;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import java.util.List;
import org.junit.jupiter.api.Test;

@RealCluster
class OrphanScannerTest {

    @Test
    void theScanFindsALabelledObjectThatIsNotInTheInventory(ClusterHandle cluster) {
        String ns = cluster.createNamespace("orphans");
        ClusterFixture f = new ClusterFixture(cluster.client(), ns);
        f.applier.apply(KubeClusterApplierTest.configMap("tracked", null), "p");
        cluster.client().secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("sneaked")
                .addToLabels(KubeClusterApplier.DEPLOYMENT_LABEL, f.deploymentId).endMetadata().build()).create();
        cluster.client().configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata()
                .withName("unrelated").addToLabels(KubeClusterApplier.DEPLOYMENT_LABEL, "someone-else").endMetadata()
                .build()).create();
        OrphanScanner scanner = new OrphanScanner(cluster.client(), f.discovery, 16);

        OrphanScan scan = scanner.scan(f.deploymentId);
        List<Leftover> leftovers = scanner.leftovers(f.deploymentId, f.journal.entries(f.deploymentId));

        assertThat(scan.unscanned()).isEmpty();
        assertThat(scan.found()).extracting(LabelledObject::ref).containsExactlyInAnyOrder(
                new ResourceRef(new Gvk("", "v1", "ConfigMap"), ns, "tracked"),
                new ResourceRef(new Gvk("", "v1", "Secret"), ns, "sneaked"));
        assertThat(leftovers).singleElement().satisfies(l -> {
            assertThat(l.ref()).isEqualTo(new ResourceRef(new Gvk("", "v1", "Secret"), ns, "sneaked"));
            assertThat(l.reason()).isEqualTo("not in the inventory");
            assertThat(l.command()).isEqualTo("kubectl delete secret sneaked -n " + ns);
        });
    }

    @Test
    void eachKindIsListedOnceAtItsPreferredVersionAndEventsAreSkipped(ClusterHandle cluster) {
        ClusterFixture f = new ClusterFixture(cluster.client(), "default");

        OrphanScan scan = new OrphanScanner(cluster.client(), f.discovery, 16).scan(f.deploymentId);

        long listableGroupKinds = f.discovery.resources().stream().filter(r -> r.supports("list"))
                .map(r -> r.gvk().groupKind()).filter(gk -> !gk.equals("Event") && !gk.equals("Event.events.k8s.io"))
                .distinct().count();
        assertThat(scan.kindsScanned()).isEqualTo(listableGroupKinds);
        assertThat(scan.found()).isEmpty();
    }
}
