package io.meshwright.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The semantics Meshwright relies on and the fabric8 mock server lacks, checked on the real control plane
 * (or the MESHWRIGHT_KUBECONFIG cluster).
 */
@RealCluster
class ControlPlaneSmokeTest {

    private static final Duration CONTROLLER_WAIT = Duration.ofSeconds(60);

    @Test
    void serverReportsAKubernetesVersion(ClusterHandle cluster) {
        assertThat(cluster.serverVersion()).startsWith("v1.");
        if (cluster.local()) {
            assertThat(cluster.serverVersion()).isEqualTo("v" + ControlPlaneBinaries.KUBERNETES_VERSION);
        }
    }

    @Test
    void customResourceIsServedOnceItsDefinitionIsEstablishedAndValidatedAgainstItsSchema(ClusterHandle cluster) {
        KubernetesClient client = cluster.client();
        String ns = cluster.createNamespace("crd");
        // Cluster-scoped: a group unique to this run, so external clusters never see a clash.
        String group = cluster.namespace("g").replace("mw-g-", "") + ".smoke.meshwright.io";
        CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions()
                .resource(widgetDefinition(group)).create();
        try {
            await().atMost(CONTROLLER_WAIT).untilAsserted(() -> assertThat(
                    client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName()).get()
                            .getStatus().getConditions())
                    .anySatisfy(c -> {
                        assertThat(c.getType()).isEqualTo("Established");
                        assertThat(c.getStatus()).isEqualTo("True");
                    }));
            ResourceDefinitionContext widgets = new ResourceDefinitionContext.Builder()
                    .withGroup(group).withVersion("v1").withKind("Widget").withPlural("widgets").withNamespaced(true).build();

            GenericKubernetesResource created = client.genericKubernetesResources(widgets).inNamespace(ns)
                    .resource(widget(group, "w1", 3)).create();
            assertThat(created.getMetadata().getUid()).isNotBlank();
            assertThat(client.genericKubernetesResources(widgets).inNamespace(ns).withName("w1").get()
                    .<Integer>get("spec", "size")).isEqualTo(3);
            assertThatThrownBy(() -> client.genericKubernetesResources(widgets).inNamespace(ns)
                    .resource(widget(group, "bad", "three")).create())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422));
        } finally {
            client.apiextensions().v1().customResourceDefinitions().resource(crd).delete();
        }
    }

    @Test
    void serverSideApplyingTheSameConfigMapTwiceChangesNothingTheSecondTime(ClusterHandle cluster) {
        KubernetesClient client = cluster.client();
        String ns = cluster.createNamespace("ssa");
        ConfigMap desired = new ConfigMapBuilder().withNewMetadata().withName("settings").withNamespace(ns).endMetadata()
                .withData(Map.of("mode", "fast")).build();

        ConfigMap first = client.configMaps().inNamespace(ns).resource(desired)
                .fieldManager("meshwright-smoke").forceConflicts().serverSideApply();
        ConfigMap second = client.configMaps().inNamespace(ns).resource(desired)
                .fieldManager("meshwright-smoke").forceConflicts().serverSideApply();

        assertThat(first.getData()).containsEntry("mode", "fast");
        assertThat(first.getMetadata().getManagedFields()).anySatisfy(f -> assertThat(f.getManager()).isEqualTo("meshwright-smoke"));
        assertThat(second.getMetadata().getResourceVersion()).isEqualTo(first.getMetadata().getResourceVersion());
    }

    @Test
    void deletedNamespaceIsFinalizedTogetherWithItsObjects(ClusterHandle cluster) {
        KubernetesClient client = cluster.client();
        String ns = cluster.namespace("doomed");
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        client.configMaps().inNamespace(ns).resource(configMap(ns, "inside")).create();

        client.namespaces().withName(ns).delete();

        // The namespace controller (kube-controller-manager) empties it and removes its finalizer.
        await().atMost(CONTROLLER_WAIT).untilAsserted(() -> assertThat(client.namespaces().withName(ns).get()).isNull());
        assertThat(client.configMaps().inNamespace(ns).withName("inside").get()).isNull();
    }

    @Test
    void objectWithAnOwnerReferenceIsGarbageCollectedWhenItsOwnerIsDeleted(ClusterHandle cluster) {
        KubernetesClient client = cluster.client();
        String ns = cluster.createNamespace("gc");
        ConfigMap owner = client.configMaps().inNamespace(ns).resource(configMap(ns, "owner")).create();
        ConfigMap child = new ConfigMapBuilder(configMap(ns, "child")).editMetadata().addNewOwnerReference()
                .withApiVersion("v1").withKind("ConfigMap").withName("owner").withUid(owner.getMetadata().getUid())
                .endOwnerReference().endMetadata().build();
        client.configMaps().inNamespace(ns).resource(child).create();

        client.configMaps().inNamespace(ns).withName("owner").delete();

        await().atMost(CONTROLLER_WAIT).untilAsserted(
                () -> assertThat(client.configMaps().inNamespace(ns).withName("child").get()).isNull());
    }

    private static ConfigMap configMap(String ns, String name) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withData(Map.of("k", "v")).build();
    }

    private static GenericKubernetesResource widget(String group, String name, Object size) {
        return new GenericKubernetesResourceBuilder().withApiVersion(group + "/v1").withKind("Widget")
                .withNewMetadata().withName(name).endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("size", size))).build();
    }

    private static CustomResourceDefinition widgetDefinition(String group) {
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName("widgets." + group).endMetadata()
                .withNewSpec().withGroup(group).withScope("Namespaced")
                .withNewNames().withKind("Widget").withPlural("widgets").withSingular("widget").withListKind("WidgetList").endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true)
                .withNewSchema().withOpenAPIV3Schema(new JSONSchemaPropsBuilder().withType("object")
                        .addToProperties("spec", new JSONSchemaPropsBuilder().withType("object")
                                .addToProperties("size", new JSONSchemaPropsBuilder().withType("integer").build())
                                .build())
                        .build()).endSchema()
                .endVersion()
                .endSpec().build();
    }
}
