package io.meshwright.testbed.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwright.engine.inventory.Inventory;
import io.meshwright.engine.inventory.JournalingApplier;
import io.meshwright.engine.lifecycle.DeployOptions;
import io.meshwright.engine.lifecycle.DeploymentRecord;
import io.meshwright.engine.lifecycle.RedeployRefusedException;
import io.meshwright.engine.lifecycle.UndeployOptions;
import io.meshwright.engine.lifecycle.UndeployReport;
import io.meshwright.engine.lifecycle.WrongClusterException;
import io.meshwright.spi.deploy.DeploymentState;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.deploy.ToolMarks;
import io.meshwright.spi.model.Gvk;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ways a careless user or a bad moment could make the engine delete what is not its own, or claim a clean
 * state it did not verify (issue "Safety"), each reproduced on the real control plane.
 */
@RealCluster
class SafetyScenariosTest {

    private static final Gvk CONFIG_MAP = new Gvk("", "v1", "ConfigMap");

    @TempDir
    Path dataDir;

    @Test
    void twoUnrelatedDesignsUnderOneNameDoNotPruneEachOther(ClusterHandle cluster) {
        String ns = cluster.createNamespace("twins");
        try (LifecycleRig rig = new LifecycleRig(dataDir, cluster.client())) {
            DeploymentRecord app = rig.lifecycle().deploy(rig.parse(configMaps(ns, "app-a", "app-b"), "deploy.yaml"),
                    DeployOptions.defaults());
            assertThat(app.state()).as(app.cause()).isEqualTo(DeploymentState.DEPLOYED);

            assertThatThrownBy(() -> rig.lifecycle().deploy(rig.parse(configMaps(ns, "db"), "deploy.yaml"),
                    DeployOptions.defaults()))
                    .isInstanceOf(RedeployRefusedException.class)
                    .hasMessageContaining("shares no object").hasMessageContaining("--prune");

            assertThat(cluster.client().configMaps().inNamespace(ns).withName("app-a").get()).isNotNull();
            assertThat(rig.lifecycle().get(app.id()).orElseThrow().state()).isEqualTo(DeploymentState.DEPLOYED);
            DeploymentRecord replaced = rig.lifecycle().deploy(rig.parse(configMaps(ns, "db"), "deploy.yaml"),
                    DeployOptions.defaults().withPrune(true));
            assertThat(replaced.state()).as(replaced.cause()).isEqualTo(DeploymentState.DEPLOYED);
            assertThat(cluster.client().configMaps().inNamespace(ns).withName("app-a").get()).as("asked to prune").isNull();
        }
    }

    @Test
    void anInvalidRedeployLeavesTheDeployedVersionAsTheRecord(ClusterHandle cluster) {
        String ns = cluster.createNamespace("invalid");
        try (LifecycleRig rig = new LifecycleRig(dataDir, cluster.client())) {
            DeploymentRecord deployed = rig.lifecycle().deploy(rig.parse(configMaps(ns, "kept"), "app.yaml"),
                    DeployOptions.defaults());
            String broken = configMaps(ns, "kept") + "---\napiVersion: nowhere.example.com/v1\nkind: Ghost\n"
                    + "metadata: {name: g, namespace: " + ns + "}\n";

            assertThatThrownBy(() -> rig.lifecycle().deploy(rig.parse(broken, "app.yaml"), DeployOptions.defaults()))
                    .isInstanceOf(RedeployRefusedException.class).hasMessageContaining("validation failed");

            DeploymentRecord after = rig.lifecycle().get(deployed.id()).orElseThrow();
            assertThat(after.state()).isEqualTo(DeploymentState.DEPLOYED);
            assertThat(after.designVersion()).isEqualTo(deployed.designVersion());
        }
    }

    @Test
    void aNamespaceIsKeptWhileAnotherDeploymentOrSomeoneElseHasObjectsInIt(ClusterHandle cluster) {
        String ns = cluster.namespace("sharedns");
        KubernetesClient client = cluster.client();
        try (LifecycleRig rig = new LifecycleRig(dataDir, client)) {
            DeploymentRecord owner = rig.lifecycle().deploy(rig.parse("""
                    apiVersion: v1
                    kind: Namespace
                    metadata: {name: NS}
                    ---
                    """.replace("NS", ns) + configMaps(ns, "owned"), "owner.yaml"), DeployOptions.defaults());
            DeploymentRecord guest = rig.lifecycle().deploy(rig.parse(configMaps(ns, "guest"), "guest.yaml"),
                    DeployOptions.defaults());
            assertThat(guest.state()).as(guest.cause()).isEqualTo(DeploymentState.DEPLOYED);

            UndeployReport report = rig.lifecycle().undeploy(owner.id(), UndeployOptions.defaults());

            assertThat(client.namespaces().withName(ns).get()).as("namespace kept").isNotNull();
            assertThat(client.configMaps().inNamespace(ns).withName("guest").get()).as("guest's object").isNotNull();
            assertThat(report.deployment().state()).isEqualTo(DeploymentState.UNDEPLOYED_WITH_LEFTOVERS);
            assertThat(report.leftovers()).singleElement().satisfies(l ->
                    assertThat(l.reason()).contains("deployment(s) " + guest.id() + " still have objects in it"));

            rig.lifecycle().undeploy(guest.id(), UndeployOptions.defaults());
            client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("unmanaged")
                    .endMetadata().build()).create();
            UndeployReport again = rig.lifecycle().undeploy(owner.id(), UndeployOptions.defaults());
            assertThat(client.namespaces().withName(ns).get()).as("an unmanaged object still lives in it").isNotNull();
            assertThat(again.leftovers()).singleElement().satisfies(l ->
                    assertThat(l.reason()).contains("not made by this deployment").contains("unmanaged"));

            client.configMaps().inNamespace(ns).withName("unmanaged").delete();
            UndeployReport last = rig.lifecycle().undeploy(owner.id(), UndeployOptions.defaults());
            assertThat(last.deployment().state()).isEqualTo(DeploymentState.UNDEPLOYED);
        }
    }

    @Test
    void aKeptCrdRecreatedBySomeoneElseIsNotTakenOverByARedeploy(ClusterHandle cluster) {
        String group = cluster.namespace("kept") + ".example.com";
        KubernetesClient client = cluster.client();
        try (LifecycleRig rig = new LifecycleRig(dataDir, client)) {
            String design = Designs.crdOnly(group);
            DeploymentRecord deployed = rig.lifecycle().deploy(rig.parse(design, "crd.yaml"), DeployOptions.defaults());
            rig.lifecycle().undeploy(deployed.id(), new UndeployOptions(false, false, Duration.ofSeconds(30), false));
            var crd = client.apiextensions().v1().customResourceDefinitions().withName("widgets." + group);
            crd.withTimeout(30, java.util.concurrent.TimeUnit.SECONDS).delete();
            var stranger = crd.get() == null ? null : crd.get();
            assertThat(stranger).isNull();
            var recreated = client.apiextensions().v1().customResourceDefinitions().resource(
                    rig.parseObject(design)).create();
            try {
                DeploymentRecord redeployed = rig.lifecycle().deploy(rig.parse(design, "crd.yaml"), DeployOptions.defaults());

                // The same declaration changes nothing on the stranger's CRD: it is kept as theirs, not taken over.
                assertThat(redeployed.state()).as(redeployed.cause()).isEqualTo(DeploymentState.DEPLOYED);
                assertThat(rig.lifecycle().inventory(deployed.id())).singleElement()
                        .satisfies(entry -> assertThat(entry.preExisting()).isTrue());
                assertThat(crd.get().getMetadata().getLabels()).as("not labelled as ours")
                        .doesNotContainKey("meshwright.io/deployment");
                rig.lifecycle().undeploy(deployed.id(), UndeployOptions.defaults());
                assertThat(crd.get()).as("someone else's CRD survives").isNotNull();
                assertThat(crd.get().getMetadata().getUid()).isEqualTo(recreated.getMetadata().getUid());
            } finally {
                crd.delete();
            }
        }
    }

    @Test
    void intentRecoveryForgetsAnUnlabelledObjectSomeoneCreatedAtTheIntendedName(ClusterHandle cluster) {
        String ns = cluster.createNamespace("stranger");
        try (LifecycleRig rig = new LifecycleRig(dataDir, cluster.client())) {
            Inventory inventory = rig.inventory();
            JournalingApplier applier = inventory.applier("crashed", rig.cluster(), false);
            ResourceRef ref = new ResourceRef(CONFIG_MAP, ns, "taken");
            applier.intend(List.of(ref), "p");
            cluster.client().configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata()
                    .withName("taken").endMetadata().build()).create();

            Inventory.Settlement settled = inventory.settleIntents("crashed", rig.cluster());

            assertThat(settled.forgotten()).containsExactly(ref);
            assertThat(inventory.entries("crashed")).isEmpty();
        }
    }

    @Test
    void intentRecoveryTakesOnlyTheObjectsThatCarryTheToolsMarksNeverAStrangersAtAnIntendedName(
            ClusterHandle cluster) {
        String ns = cluster.createNamespace("marked");
        KubernetesClient client = cluster.client();
        ToolMarks marks = new ToolMarks(List.of("some-tool"), Map.of("some-tool.example/run", "run-1"));
        try (LifecycleRig rig = new LifecycleRig(dataDir, client)) {
            Inventory inventory = rig.inventory();
            JournalingApplier applier = inventory.applier("crashed", rig.cluster(), false);
            ResourceRef byManager = new ResourceRef(CONFIG_MAP, ns, "by-manager");
            ResourceRef byAnnotation = new ResourceRef(CONFIG_MAP, ns, "by-annotation");
            ResourceRef stranger = new ResourceRef(CONFIG_MAP, ns, "stranger");
            ResourceRef otherRun = new ResourceRef(CONFIG_MAP, ns, "other-run");
            applier.intend(List.of(byManager, byAnnotation, stranger, otherRun), "p", marks);
            // The tool's work before the crash: one object under its field manager, one with its annotations.
            // (The API server keeps no managedFields entry for a manager that owns no field: so some data.)
            client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("by-manager")
                    .endMetadata().addToData("made", "by the tool").build()).fieldManager("some-tool")
                    .forceConflicts().serverSideApply();
            client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata()
                    .withName("by-annotation").addToAnnotations("some-tool.example/run", "run-1").endMetadata()
                    .build()).create();
            // Someone else's meanwhile: a plain create, and one stamped by another run of the same tool.
            client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("stranger")
                    .endMetadata().build()).create();
            client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata()
                    .withName("other-run").addToAnnotations("some-tool.example/run", "run-2").endMetadata()
                    .build()).create();

            Inventory.Settlement settled = inventory.settleIntents("crashed", rig.cluster());

            assertThat(settled.confirmed()).containsExactlyInAnyOrder(byManager, byAnnotation);
            assertThat(settled.forgotten()).containsExactlyInAnyOrder(stranger, otherRun);
            assertThat(client.configMaps().inNamespace(ns).withName("by-manager").get().getMetadata().getLabels())
                    .containsEntry("meshwright.io/deployment", "crashed");
            assertThat(client.configMaps().inNamespace(ns).withName("stranger").get().getMetadata().getLabels())
                    .doesNotContainKey("meshwright.io/deployment");
        }
    }

    @Test
    void workOnADeploymentOfAnotherClusterIsRefusedAndChangesNothing(ClusterHandle cluster) throws Exception {
        String ns = cluster.createNamespace("elsewhere");
        try (LifecycleRig rig = new LifecycleRig(dataDir, cluster.client())) {
            DeploymentRecord deployed = rig.lifecycle().deploy(rig.parse(configMaps(ns, "there"), "there.yaml"),
                    DeployOptions.defaults());
            // As after `kubectl config use-context other` and a restart: the record names another cluster.
            rig.database().write(connection -> {
                try (Statement update = connection.createStatement()) {
                    update.executeUpdate("UPDATE deployments SET cluster_uid = 'another-cluster-uid'");
                }
                return null;
            });

            assertThatThrownBy(() -> rig.lifecycle().undeploy(deployed.id(), UndeployOptions.defaults()))
                    .isInstanceOf(WrongClusterException.class).hasMessageContaining("another-cluster-uid");
            assertThat(cluster.client().configMaps().inNamespace(ns).withName("there").get()).isNotNull();
            assertThat(rig.lifecycle().get(deployed.id()).orElseThrow().state()).isEqualTo(DeploymentState.DEPLOYED);
        }
    }

    @Test
    void aKindTheScanCannotReadMakesTheUndeployUnverifiedNeverZeroLeft(ClusterHandle cluster) {
        String ns = cluster.createNamespace("unverified");
        KubernetesClient client = cluster.client();
        String group = ns + ".aggregated.example.com";
        var apiService = client.genericKubernetesResources("apiregistration.k8s.io/v1", "APIService")
                .resource(new GenericKubernetesResourceBuilder().withApiVersion("apiregistration.k8s.io/v1")
                        .withKind("APIService").withNewMetadata().withName("v1." + group).endMetadata()
                        .withAdditionalProperties(Map.of("spec", Map.of("group", group, "version", "v1",
                                "groupPriorityMinimum", 1000, "versionPriority", 15, "insecureSkipTLSVerify", true,
                                "service", Map.of("name", "nobody-home", "namespace", ns))))
                        .build());
        try (LifecycleRig rig = new LifecycleRig(dataDir, client)) {
            DeploymentRecord deployed = rig.lifecycle().deploy(rig.parse(configMaps(ns, "x"), "x.yaml"),
                    DeployOptions.defaults());
            apiService.create();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                rig.cluster().discovery().refresh();
                return rig.cluster().discovery().unavailable().keySet().stream().anyMatch(gv -> gv.startsWith(group));
            });

            UndeployReport report = rig.lifecycle().undeploy(deployed.id(), UndeployOptions.defaults());

            assertThat(report.deployment().state()).isEqualTo(DeploymentState.UNDEPLOYED_UNVERIFIED);
            assertThat(report.unscanned()).anySatisfy(kind -> assertThat(kind).contains(group));
        } finally {
            apiService.delete();
        }
    }

    @Test
    void aDependencyIsInstalledOnlyFromASourceMatchingItsDigestAndOnlyAsCrds(ClusterHandle cluster) throws Exception {
        String namespace = cluster.namespace("trust");
        String group = namespace + ".example.com";
        KubernetesClient client = cluster.client();
        java.nio.file.Path source = dataDir.resolve("crd.yaml");
        java.nio.file.Files.writeString(source, Designs.crdOnly(group));
        String digest = "sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(java.nio.file.Files.readAllBytes(source)));
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
        DeployOptions install = new DeployOptions(io.meshwright.engine.lifecycle.WaitPolicy.APPLIED,
                Duration.ofMinutes(1), true, false, 8);
        try (LifecycleRig rig = new LifecycleRig(dataDir, client)) {
            register(rig, namespace, group, source, "sha256:" + "0".repeat(64), "crds");
            DeploymentRecord tampered = rig.lifecycle().deploy(rig.parse(design, "trust.yaml"), install);
            assertThat(tampered.state()).isEqualTo(DeploymentState.FAILED);
            assertThat(tampered.cause()).contains("does not match its metadata.source_digest").contains("nothing was applied");
            assertThat(client.apiextensions().v1().customResourceDefinitions().withName("widgets." + group).get()).isNull();

            java.nio.file.Files.writeString(source, Designs.crdOnly(group) + "---\napiVersion: v1\nkind: ConfigMap\n"
                    + "metadata: {name: extra, namespace: default}\n");
            String withExtra = "sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest
                    .getInstance("SHA-256").digest(java.nio.file.Files.readAllBytes(source)));
            register(rig, namespace, group, source, withExtra, "crds");
            // A second attempt is a redeploy: refused before the record changes, the failed first one stays.
            assertThatThrownBy(() -> rig.lifecycle().deploy(rig.parse(design, "trust.yaml"), install))
                    .isInstanceOf(RedeployRefusedException.class).hasMessageContaining("only CustomResourceDefinitions");

            java.nio.file.Files.writeString(source, Designs.crdOnly(group));
            register(rig, namespace, group, source, digest, "crds");
            DeploymentRecord deployed = rig.lifecycle().deploy(rig.parse(design, "trust.yaml"), install);
            assertThat(deployed.state()).as(deployed.cause()).isEqualTo(DeploymentState.DEPLOYED);
            assertThat(rig.lifecycle().undeploy(deployed.id(), UndeployOptions.defaults()).deployment().state())
                    .isEqualTo(DeploymentState.UNDEPLOYED);
        }
    }

    private static void register(LifecycleRig rig, String namespace, String group, java.nio.file.Path source,
            String digest, String install) {
        var provider = new io.meshwright.spi.model.ModelRef("widgets-" + namespace, "v1.0.0");
        rig.registry().view().register(new io.meshwright.spi.model.ModelBundle(
                new io.meshwright.spi.model.Model(provider.name(), provider.version(), "1.0.0", "Widgets",
                        "App Definition and Development", "github", io.meshwright.spi.model.ModelStatus.ENABLED,
                        Map.of("source_uri", source.toString(), "source_digest", digest, "install", install)),
                List.of(new io.meshwright.spi.model.ComponentDefinition(provider, "v1.0.0", new Gvk(group, "v1", "Widget"),
                        true, "Widget", Map.of(), List.of())),
                List.of()), "github");
    }

    private static String configMaps(String namespace, String... names) {
        StringBuilder yaml = new StringBuilder();
        for (String name : names) {
            yaml.append("""
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: %s, namespace: %s}
                    data: {k: v}
                    ---
                    """.formatted(name, namespace));
        }
        return yaml.toString();
    }
}
