package io.meshwright.testbed.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwright.engine.lifecycle.DeployOptions;
import io.meshwright.engine.lifecycle.DeploymentRecord;
import io.meshwright.engine.lifecycle.UndeployOptions;
import io.meshwright.engine.lifecycle.UndeployReport;
import io.meshwright.spi.deploy.DeploymentState;
import io.meshwright.spi.deploy.InventoryStatus;
import io.meshwright.spi.event.Event;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Undeploy leaves the config and workloads inside a namespace the deployment created to the namespace's
 * deletion (as kubectl's namespace cascade does), recording them deleted only once the namespace is verified gone;
 * custom resources and their CRD are still removed first, in order. A namespace that must stay is not cascaded:
 * its objects are deleted one by one and the foreign object stays.
 */
@RealCluster
class NamespaceCascadeTest {

    @TempDir
    Path dataDir;

    @Test
    void configInsideARemovedNamespaceGoesWithItWhileCustomResourcesGoFirst(ClusterHandle cluster) throws Exception {
        String namespace = cluster.namespace("cascade");
        String group = namespace + ".example.com";
        KubernetesClient client = cluster.client();
        try (LifecycleRig rig = new LifecycleRig(dataDir, client)) {
            DeploymentRecord deployed = rig.lifecycle().deploy(
                    rig.parse(Designs.shop(namespace, group), "cascade-" + namespace + ".yaml"), DeployOptions.defaults());
            assertThat(deployed.state()).as(deployed.cause()).isEqualTo(DeploymentState.DEPLOYED);
            List<Event.ObjectDeleted> deleted = new CopyOnWriteArrayList<>();
            try (AutoCloseable ignored = rig.events().subscribe(Event.ObjectDeleted.class::isInstance,
                    e -> deleted.add((Event.ObjectDeleted) e))) {

                UndeployReport report = rig.lifecycle().undeploy(deployed.id(), UndeployOptions.defaults());

                assertThat(report.leftovers()).isEmpty();
                assertThat(report.deployment().state()).isEqualTo(DeploymentState.UNDEPLOYED);
            }
            assertThat(client.namespaces().withName(namespace).get()).isNull();
            assertThat(client.apiextensions().v1().customResourceDefinitions().withName("widgets." + group).get()).isNull();
            assertThat(rig.lifecycle().inventory(deployed.id()))
                    .allSatisfy(entry -> assertThat(entry.status()).isEqualTo(InventoryStatus.DELETED));
            List<String> order = deleted.stream().map(e -> e.ref().gvk().kind() + "/" + e.ref().name()).toList();
            int namespaceAt = order.indexOf("Namespace/" + namespace);
            assertThat(namespaceAt).as("deleted in this order: %s", order).isGreaterThanOrEqualTo(0);
            assertThat(order.subList(namespaceAt + 1, order.size()))
                    .as("config and workloads in the namespace went with it: recorded deleted after it")
                    .contains("ConfigMap/settings");
            assertThat(order.subList(0, namespaceAt))
                    .as("custom resources are removed first, in order (their operator still runs), then their CRD")
                    .containsSubsequence("Widget/large", "CustomResourceDefinition/widgets." + group)
                    .contains("Widget/small")
                    .doesNotContain("ConfigMap/settings");
            assertThat(order).hasSize(rig.lifecycle().inventory(deployed.id()).size());
        }
    }

    @Test
    void aNamespaceThatMustStayIsNotCascadedAndItsObjectsAreDeletedOneByOne(ClusterHandle cluster) {
        String namespace = cluster.namespace("stays");
        String group = namespace + ".example.com";
        KubernetesClient client = cluster.client();
        try (LifecycleRig rig = new LifecycleRig(dataDir, client)) {
            DeploymentRecord deployed = rig.lifecycle().deploy(
                    rig.parse(Designs.shop(namespace, group), "stays-" + namespace + ".yaml"), DeployOptions.defaults());
            assertThat(deployed.state()).as(deployed.cause()).isEqualTo(DeploymentState.DEPLOYED);
            client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata()
                    .withName("someone-elses").endMetadata().addToData("k", "v").build()).create();

            UndeployReport report = rig.lifecycle().undeploy(deployed.id(), UndeployOptions.defaults());

            assertThat(client.configMaps().inNamespace(namespace).withName("someone-elses").get())
                    .as("the foreign object stays").isNotNull();
            assertThat(client.configMaps().inNamespace(namespace).withName("settings").get())
                    .as("the deployment's own objects in it are deleted one by one").isNull();
            assertThat(client.apiextensions().v1().customResourceDefinitions().withName("widgets." + group).get())
                    .as("its custom resources were deleted one by one, so the CRD (removed only when none is left) went")
                    .isNull();
            assertThat(report.leftovers()).extracting(l -> l.ref().gvk().kind()).containsExactly("Namespace");
        }
    }
}
