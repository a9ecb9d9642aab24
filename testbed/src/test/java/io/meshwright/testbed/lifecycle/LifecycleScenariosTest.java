package io.meshwright.testbed.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwright.engine.lifecycle.DeployOptions;
import io.meshwright.engine.lifecycle.DeploymentRecord;
import io.meshwright.engine.lifecycle.UndeployOptions;
import io.meshwright.engine.lifecycle.UndeployReport;
import io.meshwright.spi.deploy.DeleteOutcome;
import io.meshwright.spi.deploy.DeploymentState;
import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.InventoryStatus;
import io.meshwright.engine.lifecycle.WaitPolicy;
import io.meshwright.spi.design.Design;
import io.meshwright.spi.extension.RegistrationResult;
import io.meshwright.spi.model.ComponentDefinition;
import io.meshwright.spi.model.Gvk;
import io.meshwright.spi.model.Model;
import io.meshwright.spi.model.ModelBundle;
import io.meshwright.spi.model.ModelRef;
import io.meshwright.spi.model.ModelStatus;
import java.util.List;
import java.util.Optional;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.time.Duration;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;

@RealCluster
class LifecycleScenariosTest {

    @TempDir
    Path dataDir;

    @Test
    void aDesignWithACrdAndItsResourcesDeploysInOneGoAndUndeployLeavesNothing(ClusterHandle cluster) {
        String namespace = cluster.namespace("shop");
        String group = namespace + ".example.com";
        KubernetesClient client = cluster.client();
        try (LifecycleRig rig = new LifecycleRig(dataDir, client)) {
            Design design = rig.parse(Designs.shop(namespace, group), "shop-" + namespace + ".yaml");

            DeploymentRecord deployed = rig.lifecycle().deploy(design, DeployOptions.defaults());

            assertThat(deployed.state()).as(deployed.cause()).isEqualTo(DeploymentState.DEPLOYED);
            assertThat(rig.lifecycle().inventory(deployed.id()))
                    .hasSize(7)
                    .allSatisfy(entry -> {
                        assertThat(entry.status()).isEqualTo(InventoryStatus.CONFIRMED);
                        assertThat(entry.uid()).isNotBlank();
                    });
            assertThat(client.genericKubernetesResources(group + "/v1", "Widget").inNamespace(namespace).list()
                    .getItems()).hasSize(2);
            assertThat(rig.registry().view().components(new Gvk(group, "v1", "Widget"), Optional.empty()))
                    .as("the kind the design's CRD defines is registered on the fly").isNotEmpty();

            UndeployReport report = rig.lifecycle().undeploy(deployed.id(), UndeployOptions.defaults());

            assertThat(report.leftovers()).isEmpty();
            assertThat(report.deployment().state()).isEqualTo(DeploymentState.UNDEPLOYED);
            assertThat(client.apiextensions().v1().customResourceDefinitions().withName("widgets." + group).get()).isNull();
            assertThat(client.namespaces().withName(namespace).get()).isNull();
            assertThat(rig.cluster().labelled(deployed.id()).found()).isEmpty();

            UndeployReport again = rig.lifecycle().undeploy(deployed.id(), UndeployOptions.defaults());
            assertThat(again.deployment().state()).as("undeploy is idempotent").isEqualTo(DeploymentState.UNDEPLOYED);
            assertThat(again.leftovers()).isEmpty();
        }
    }

    @Test
    void aCycleIsRefusedNamingItAndNothingIsApplied(ClusterHandle cluster) {
        String namespace = cluster.createNamespace("cycle");
        try (LifecycleRig rig = new LifecycleRig(dataDir, cluster.client())) {
            Design design = rig.parse(Designs.cycle(namespace), "cycle.yaml");

            DeploymentRecord record = rig.lifecycle().deploy(design, DeployOptions.defaults());

            assertThat(record.state()).isEqualTo(DeploymentState.FAILED);
            assertThat(record.cause()).contains("cycle").contains("first").contains("second").contains("third");
            assertThat(rig.lifecycle().inventory(record.id())).isEmpty();
            assertThat(cluster.client().configMaps().inNamespace(namespace).withLabel("meshwright.io/deployment").list()
                    .getItems()).isEmpty();
        }
    }

    @Test
    void aCustomResourceWhoseCrdIsMissingFailsValidationBeforeAnyObjectIsCreated(ClusterHandle cluster) throws Exception {
        Path manifest = Path.of("..", "..", "shared", "real-data", "meshery-designs", "meshkit", "manifest-with-crds.yml");
        Assumptions.assumeTrue(Files.isRegularFile(manifest), "../shared/real-data is not here: " + manifest.toAbsolutePath());
        try (LifecycleRig rig = new LifecycleRig(dataDir, cluster.client())) {
            Design design = rig.parse(Files.readString(manifest), "manifest-with-crds.yml");

            DeploymentRecord record = rig.lifecycle().deploy(design, DeployOptions.defaults());

            assertThat(record.state()).isEqualTo(DeploymentState.FAILED);
            assertThat(record.cause()).contains("nothing was applied").contains("GitRepository").contains("GithubActionRunner");
            assertThat(rig.lifecycle().inventory(record.id())).isEmpty();
            assertThat(rig.cluster().labelled(record.id()).found()).isEmpty();
        }
    }

    @Test
    void aMissingCrdIsInstalledFromItsModelsSourceOnlyWhenAskedAndRemovedOnUndeploy(ClusterHandle cluster) throws Exception {
        String namespace = cluster.namespace("deps");
        String group = namespace + ".example.com";
        KubernetesClient client = cluster.client();
        Path crdFile = dataDir.resolve("widgets-crd.yaml");
        Files.writeString(crdFile, Designs.crdOnly(group));
        try (LifecycleRig rig = new LifecycleRig(dataDir, client)) {
            ModelRef provider = new ModelRef("widgets-" + namespace, "v1.0.0");
            RegistrationResult registered = rig.registry().view().register(new ModelBundle(
                    new Model(provider.name(), provider.version(), "1.0.0", "Widgets", "App Definition and Development",
                            "github", ModelStatus.ENABLED, Map.of("source_uri", crdFile.toString())),
                    List.of(new ComponentDefinition(provider, "v1.0.0", new Gvk(group, "v1", "Widget"), true, "Widget",
                            Map.of(), List.of())),
                    List.of()), "github");
            assertThat(registered.rejected()).isEmpty();
            String design = """
                    apiVersion: v1
                    kind: Namespace
                    metadata: {name: NS}
                    ---
                    apiVersion: GROUP/v1
                    kind: Widget
                    metadata: {name: small, namespace: NS}
                    spec: {size: 1}
                    """.replace("NS", namespace).replace("GROUP", group);

            DeploymentRecord refused = rig.lifecycle().deploy(rig.parse(design, "deps.yaml"), DeployOptions.defaults());
            assertThat(refused.state()).isEqualTo(DeploymentState.FAILED);
            assertThat(refused.cause()).contains("nothing was applied").contains(provider.name());
            assertThat(client.namespaces().withName(namespace).get()).isNull();

            DeploymentRecord deployed = rig.lifecycle().deploy(rig.parse(design, "deps.yaml"),
                    new DeployOptions(WaitPolicy.APPLIED, Duration.ofMinutes(1), true, false, 8));
            assertThat(deployed.state()).as(deployed.cause()).isEqualTo(DeploymentState.DEPLOYED);
            assertThat(crd(client, group)).isNotNull();
            assertThat(rig.lifecycle().inventory(deployed.id())).extracting(e -> e.ref().gvk().kind())
                    .contains("CustomResourceDefinition", "Widget", "Namespace");

            assertThat(rig.lifecycle().undeploy(deployed.id(), UndeployOptions.defaults()).leftovers()).isEmpty();
            await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(crd(client, group)).isNull());
        }
    }

    @Test
    void redeployingASmallerVersionPrunesWhatItNoLongerContains(ClusterHandle cluster) {
        String namespace = cluster.namespace("prune");
        String group = namespace + ".example.com";
        KubernetesClient client = cluster.client();
        try (LifecycleRig rig = new LifecycleRig(dataDir, client)) {
            String source = "prune-" + namespace + ".yaml";
            DeploymentRecord first = rig.lifecycle().deploy(rig.parse(Designs.shop(namespace, group), source),
                    DeployOptions.defaults());
            assertThat(first.state()).as(first.cause()).isEqualTo(DeploymentState.DEPLOYED);

            DeploymentRecord second = rig.lifecycle().deploy(rig.parse(Designs.smallerShop(namespace, group), source),
                    DeployOptions.defaults());

            assertThat(second.id()).isEqualTo(first.id());
            assertThat(second.state()).as(second.cause()).isEqualTo(DeploymentState.DEPLOYED);
            assertThat(client.configMaps().inNamespace(namespace).withName("settings").get()).isNull();
            assertThat(client.services().inNamespace(namespace).withName("web").get()).isNull();
            assertThat(client.genericKubernetesResources(group + "/v1", "Widget").inNamespace(namespace)
                    .withName("large").get()).isNull();
            assertThat(client.genericKubernetesResources(group + "/v1", "Widget").inNamespace(namespace)
                    .withName("small").get()).isNotNull();
            assertThat(rig.lifecycle().inventory(first.id()).stream()
                    .filter(e -> e.status() != InventoryStatus.DELETED)).hasSize(4);

            assertThat(rig.lifecycle().undeploy(first.id(), UndeployOptions.defaults()).leftovers()).isEmpty();
        }
    }

    @Test
    void anObjectThatExistedBeforeIsAdoptedOnlyWhenAskedAndNeverDeletedOnUndeploy(ClusterHandle cluster) {
        String namespace = cluster.createNamespace("brown");
        KubernetesClient client = cluster.client();
        client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("existing").endMetadata().addToData("owner", "someone-else").build()).create();
        String design = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: existing, namespace: NS}
                data: {owner: someone-else, extra: added}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: fresh, namespace: NS}
                data: {k: v}
                """.replace("NS", namespace);
        try (LifecycleRig rig = new LifecycleRig(dataDir, client)) {
            DeploymentRecord refused = rig.lifecycle().deploy(rig.parse(design, "brown.yaml"), DeployOptions.defaults());
            assertThat(refused.state()).isEqualTo(DeploymentState.FAILED);
            assertThat(refused.cause()).contains("existing").contains("--adopt");

            DeployOptions adopt = new DeployOptions(WaitPolicy.APPLIED, Duration.ofMinutes(1), false, true, 8);
            DeploymentRecord deployed = rig.lifecycle().deploy(rig.parse(design, "brown.yaml"), adopt);
            assertThat(deployed.state()).as(deployed.cause()).isEqualTo(DeploymentState.DEPLOYED);
            assertThat(rig.lifecycle().inventory(deployed.id()))
                    .filteredOn(e -> e.ref().name().equals("existing")).singleElement()
                    .extracting(InventoryEntry::preExisting).isEqualTo(true);

            UndeployReport report = rig.lifecycle().undeploy(deployed.id(), UndeployOptions.defaults());

            assertThat(report.deployment().state()).isEqualTo(DeploymentState.UNDEPLOYED);
            assertThat(client.configMaps().inNamespace(namespace).withName("existing").get()).isNotNull();
            assertThat(client.configMaps().inNamespace(namespace).withName("fresh").get()).isNull();
            assertThat(report.outcomes()).filteredOn(o -> o.ref().name().equals("existing"))
                    .singleElement().isInstanceOf(DeleteOutcome.Kept.class);
        }
    }

    @Test
    void anAdoptedObjectStaysBrownfieldWhenASecondDeploymentSharesItAndSurvivesBothUndeploys(ClusterHandle cluster) {
        String namespace = cluster.createNamespace("shared-brown");
        KubernetesClient client = cluster.client();
        client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("theirs").endMetadata().addToData("owner", "ops").build()).create();
        String design = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: theirs, namespace: NS}
                data: {owner: ops}
                """.replace("NS", namespace);
        DeployOptions adopt = new DeployOptions(WaitPolicy.APPLIED, Duration.ofMinutes(1), false, true, 8);
        try (LifecycleRig rig = new LifecycleRig(dataDir, client)) {
            DeploymentRecord first = rig.lifecycle().deploy(rig.parse(design, "first-brown.yaml"), adopt);
            DeploymentRecord second = rig.lifecycle().deploy(rig.parse(design, "second-brown.yaml"),
                    DeployOptions.defaults());
            assertThat(first.state()).as(first.cause()).isEqualTo(DeploymentState.DEPLOYED);
            assertThat(second.state()).as("sharing an adopted object still needs --adopt").isEqualTo(DeploymentState.FAILED);
            second = rig.lifecycle().deploy(rig.parse(design, "second-brown.yaml"), adopt);
            assertThat(second.state()).as(second.cause()).isEqualTo(DeploymentState.DEPLOYED);

            rig.lifecycle().undeploy(first.id(), UndeployOptions.defaults());
            rig.lifecycle().undeploy(second.id(), UndeployOptions.defaults());

            assertThat(client.configMaps().inNamespace(namespace).withName("theirs").get())
                    .as("an object that existed before Meshwright is never deleted without --delete-adopted").isNotNull();
        }
    }

    @Test
    void aCrdClaimedByAnotherDeploymentIsKeptUntilTheLastOneGoes(ClusterHandle cluster) {
        String group = cluster.namespace("claims") + ".example.com";
        KubernetesClient client = cluster.client();
        try (LifecycleRig rig = new LifecycleRig(dataDir, client)) {
            DeploymentRecord first = rig.lifecycle().deploy(rig.parse(Designs.crdOnly(group), "first.yaml"),
                    DeployOptions.defaults());
            DeploymentRecord second = rig.lifecycle().deploy(rig.parse(Designs.crdOnly(group), "second.yaml"),
                    DeployOptions.defaults());
            assertThat(first.state()).as(first.cause()).isEqualTo(DeploymentState.DEPLOYED);
            assertThat(second.state()).as(second.cause()).isEqualTo(DeploymentState.DEPLOYED);

            UndeployReport firstGone = rig.lifecycle().undeploy(first.id(), UndeployOptions.defaults());

            assertThat(firstGone.outcomes()).singleElement().isInstanceOfSatisfying(DeleteOutcome.Kept.class,
                    kept -> assertThat(kept.reason()).contains(second.id()));
            assertThat(crd(client, group)).isNotNull();

            UndeployReport secondGone = rig.lifecycle().undeploy(second.id(), UndeployOptions.defaults());

            assertThat(secondGone.leftovers()).isEmpty();
            await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(crd(client, group)).isNull());
        }
    }

    @Test
    void aDeletionHeldByAFinalizerIsReportedWithTheFinalizerInsteadOfHanging(ClusterHandle cluster) {
        String namespace = cluster.createNamespace("held");
        KubernetesClient client = cluster.client();
        String design = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: held, namespace: NS, finalizers: [example.com/hold]}
                data: {k: v}
                """.replace("NS", namespace);
        try (LifecycleRig rig = new LifecycleRig(dataDir, client)) {
            DeploymentRecord deployed = rig.lifecycle().deploy(rig.parse(design, "held.yaml"), DeployOptions.defaults());
            assertThat(deployed.state()).as(deployed.cause()).isEqualTo(DeploymentState.DEPLOYED);

            UndeployReport report = rig.lifecycle().undeploy(deployed.id(),
                    new UndeployOptions(true, false, Duration.ofSeconds(2), false));

            assertThat(report.deployment().state()).isEqualTo(DeploymentState.UNDEPLOYED_WITH_LEFTOVERS);
            assertThat(report.leftovers()).singleElement().satisfies(leftover -> {
                assertThat(leftover.reason()).contains("example.com/hold");
                assertThat(leftover.removeCommand()).isEqualTo("kubectl delete configmap held -n " + namespace);
            });
            client.configMaps().inNamespace(namespace).withName("held")
                    .edit(cm -> { cm.getMetadata().setFinalizers(java.util.List.of()); return cm; });
        }
    }

    @Test
    void undeployDryRunListsTheOrderAndChangesNothing(ClusterHandle cluster) {
        String namespace = cluster.namespace("dry");
        String group = namespace + ".example.com";
        try (LifecycleRig rig = new LifecycleRig(dataDir, cluster.client())) {
            DeploymentRecord deployed = rig.lifecycle().deploy(rig.parse(Designs.shop(namespace, group), "dry.yaml"),
                    DeployOptions.defaults());

            UndeployReport dryRun = rig.lifecycle().undeploy(deployed.id(),
                    new UndeployOptions(true, false, Duration.ofSeconds(30), true));
            UndeployReport keepingCrds = rig.lifecycle().undeploy(deployed.id(),
                    new UndeployOptions(false, false, Duration.ofSeconds(30), true));
            assertThat(keepingCrds.outcomes()).filteredOn(o -> o.ref().gvk().kind().equals("CustomResourceDefinition"))
                    .singleElement().isInstanceOf(DeleteOutcome.Kept.class);

            assertThat(dryRun.outcomes()).extracting(o -> o.ref().gvk().kind())
                    .containsExactly("Widget", "Widget", "Deployment", "Service", "ConfigMap",
                            "CustomResourceDefinition", "Namespace");
            assertThat(rig.lifecycle().get(deployed.id()).orElseThrow().state()).isEqualTo(DeploymentState.DEPLOYED);
            assertThat(cluster.client().namespaces().withName(namespace).get()).isNotNull();
            rig.lifecycle().undeploy(deployed.id(), UndeployOptions.defaults());
        }
    }

    private static CustomResourceDefinition crd(KubernetesClient client, String group) {
        return client.apiextensions().v1().customResourceDefinitions().withName("widgets." + group).get();
    }

}
