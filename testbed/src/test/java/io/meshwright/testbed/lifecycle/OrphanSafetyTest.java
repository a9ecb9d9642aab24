package io.meshwright.testbed.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwright.engine.lifecycle.DeployOptions;
import io.meshwright.engine.lifecycle.DeploymentRecord;
import io.meshwright.engine.lifecycle.EngineId;
import io.meshwright.engine.lifecycle.Orphan;
import io.meshwright.engine.lifecycle.OrphanReport;
import io.meshwright.engine.lifecycle.Orphans;
import io.meshwright.engine.lifecycle.UndeployOptions;
import io.meshwright.engine.lifecycle.WaitPolicy;
import io.meshwright.spi.deploy.DeleteOutcome;
import io.meshwright.spi.deploy.DeploymentState;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code orphans clean --yes} must never remove, on the real control plane: another engine's live deployment
 * (deployment ids derive from the design name, so the label alone cannot tell), an object a deployment adopted once
 * its records are gone, and a CRD kept on request by {@code undeploy --keep-crds}; and what it still removes when the
 * user says so: a gone engine's objects ({@code --engine}) and objects without an engine id ({@code --include-unknown}).
 */
@RealCluster
class OrphanSafetyTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path work;

    @Test
    void anotherEnginesLiveDeploymentOfTheSameDesignNameIsReportedButNeverCleaned(ClusterHandle cluster) {
        String nsA = cluster.namespace("engine-a");
        String nsB = cluster.createNamespace("engine-b");
        String group = nsA + ".example.com";
        KubernetesClient client = cluster.client();
        try (LifecycleRig a = new LifecycleRig(dir("a"), client); LifecycleRig b = new LifecycleRig(dir("b"), client)) {
            DeploymentRecord deployedA = a.lifecycle().deploy(a.parse(Designs.shop(nsA, group), "shop.yaml"),
                    DeployOptions.defaults());
            assertThat(deployedA.state()).as(deployedA.cause()).isEqualTo(DeploymentState.DEPLOYED);
            // Engine B deploys another design under the same name: the same deployment id, which B's store holds.
            DeploymentRecord deployedB = b.lifecycle().deploy(b.parse(configMap(nsB, "b-only"), "shop.yaml"),
                    DeployOptions.defaults());
            assertThat(deployedB.state()).as(deployedB.cause()).isEqualTo(DeploymentState.DEPLOYED);
            assertThat(deployedB.id()).isEqualTo(deployedA.id());
            try {
                String engineA = EngineId.loadOrCreate(dir("a"));
                Map<String, String> before = uids(client, nsA, group);

                OrphanReport scan = b.lifecycle().orphans().orElseThrow().scan();
                assertThat(scan.orphans()).filteredOn(o -> ofA(o, nsA, group)).hasSize(before.size()).allSatisfy(o -> {
                    assertThat(o.origin()).isEqualTo(Orphan.Origin.OTHER_ENGINE);
                    assertThat(o.engineId()).isEqualTo(engineA);
                    assertThat(o.why()).contains("applied by engine " + engineA, "not this one (" + EngineId.loadOrCreate(dir("b")));
                });
                OrphanReport clean = b.lifecycle().orphans().orElseThrow().clean(false, TIMEOUT, Orphans.Include.none());

                assertThat(clean.removals()).filteredOn(r -> ofA(r.orphan(), nsA, group)).hasSize(before.size()).allSatisfy(r -> {
                    assertThat(r.outcome()).isInstanceOf(DeleteOutcome.Kept.class);
                    assertThat(r.command()).contains("--engine " + engineA);
                });
                assertThat(uids(client, nsA, group)).as("engine A's deployment untouched").isEqualTo(before);
                assertThat(a.lifecycle().orphans().orElseThrow().scan().orphans()).as("A holds all of it")
                        .noneMatch(o -> ofA(o, nsA, group))
                        .filteredOn(o -> nsB.equals(o.ref().namespace())).singleElement()
                        .satisfies(o -> assertThat(o.origin()).as("B's object, seen from A").isEqualTo(Orphan.Origin.OTHER_ENGINE));

            } finally {
                a.lifecycle().undeploy(deployedA.id(), UndeployOptions.defaults());
                b.lifecycle().undeploy(deployedB.id(), UndeployOptions.defaults());
            }
            assertThat(client.namespaces().withName(nsA).get()).as("A's own undeploy still removes it all").isNull();
        }
    }

    @Test
    void aDeletedDataDirectoryLeavesObjectsOfAGoneEngineThatCleanRemovesOnlyWhenThatEngineIsNamed(ClusterHandle cluster)
            throws Exception {
        String ns = cluster.namespace("gone-engine");
        KubernetesClient client = cluster.client();
        String oldEngine;
        try (LifecycleRig old = new LifecycleRig(dir("old"), client)) {
            DeploymentRecord deployed = old.lifecycle().deploy(old.parse(Designs.configMaps(ns, 2), "gone.yaml"),
                    DeployOptions.defaults());
            assertThat(deployed.state()).as(deployed.cause()).isEqualTo(DeploymentState.DEPLOYED);
            oldEngine = EngineId.loadOrCreate(dir("old"));
        }
        deleteTree(dir("old"));
        // An object labelled by an engine older than the stamp (or by hand): nobody can tell whose it is.
        client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("unstamped")
                .withLabels(Map.of("meshwright.io/deployment", "0a0a0a0a-0000-3000-8000-000000000000")).endMetadata()
                .build()).create();
        try (LifecycleRig fresh = new LifecycleRig(dir("old"), client)) {
            assertThat(EngineId.loadOrCreate(dir("old"))).as("a new data directory is a new engine").isNotEqualTo(oldEngine);
            Orphans orphans = fresh.lifecycle().orphans().orElseThrow();
            assertThat(orphans.scan().orphans()).filteredOn(o -> inNamespace(o, ns)).extracting(Orphan::origin)
                    .containsOnly(Orphan.Origin.OTHER_ENGINE, Orphan.Origin.NO_ENGINE_STAMP).hasSize(4);

            orphans.clean(false, TIMEOUT, Orphans.Include.none());
            assertThat(client.configMaps().inNamespace(ns).withName("cm-0").get()).as("kept by default").isNotNull();
            assertThat(client.namespaces().withName(ns).get()).isNotNull();

            OrphanReport named = orphans.clean(false, TIMEOUT, new Orphans.Include(false, Set.of(oldEngine)));
            assertThat(named.removals()).filteredOn(r -> nsObject(r.orphan(), ns))
                    .filteredOn(r -> r.orphan().origin() == Orphan.Origin.OTHER_ENGINE)
                    .extracting(OrphanReport.Removal::outcome).hasSize(2).allMatch(o -> o instanceof DeleteOutcome.Deleted);
            assertThat(client.configMaps().inNamespace(ns).withName("cm-0").get()).isNull();
            assertThat(client.configMaps().inNamespace(ns).withName("unstamped").get()).as("no stamp, not asked").isNotNull();
            assertThat(client.namespaces().withName(ns).get()).as("the unstamped object still lives in it").isNotNull();

            orphans.clean(false, TIMEOUT, new Orphans.Include(true, Set.of(oldEngine)));
            assertThat(client.configMaps().inNamespace(ns).withName("unstamped").get()).isNull();
            assertThat(orphans.scan().orphans()).noneMatch(o -> inNamespace(o, ns));
        }
    }

    @Test
    void anAdoptedObjectIsMarkedSoThatCleanKeepsItOnceTheRecordsAreGoneAndUndeployUnmarksIt(ClusterHandle cluster)
            throws SQLException {
        String ns = cluster.createNamespace("adopted");
        KubernetesClient client = cluster.client();
        client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("existing")
                .endMetadata().withData(Map.of("owner", "someone-else")).build()).create();
        String design = configMap(ns, "existing") + "---\n" + configMap(ns, "fresh");
        DeployOptions adopt = new DeployOptions(WaitPolicy.APPLIED, Duration.ofMinutes(1), false, true, 8);
        try (LifecycleRig rig = new LifecycleRig(dir("adopt"), client)) {
            DeploymentRecord deployed = rig.lifecycle().deploy(rig.parse(design, "adopt.yaml"), adopt);
            assertThat(deployed.state()).as(deployed.cause()).isEqualTo(DeploymentState.DEPLOYED);
            assertThat(annotations(client, ns, "existing")).containsEntry("meshwright.io/adopted", "true");
            assertThat(annotations(client, ns, "fresh")).doesNotContainKey("meshwright.io/adopted")
                    .containsEntry("meshwright.io/engine", EngineId.loadOrCreate(dir("adopt")));

            // The undeploy of an adopted object takes every mark off it.
            rig.lifecycle().undeploy(deployed.id(), UndeployOptions.defaults());
            assertThat(annotations(client, ns, "existing")).doesNotContainKeys("meshwright.io/adopted",
                    "meshwright.io/engine", "meshwright.io/part");

            DeploymentRecord again = rig.lifecycle().deploy(rig.parse(design, "adopt.yaml"), adopt);
            assertThat(again.state()).as(again.cause()).isEqualTo(DeploymentState.DEPLOYED);
            forget(dir("adopt"), again.id());

            OrphanReport clean = rig.lifecycle().orphans().orElseThrow().clean(false, TIMEOUT, Orphans.Include.none());
            assertThat(clean.removals()).filteredOn(r -> r.orphan().ref().name().equals("existing")).singleElement()
                    .satisfies(r -> assertThat(r.outcome()).isInstanceOf(DeleteOutcome.Kept.class));
            assertThat(client.configMaps().inNamespace(ns).withName("existing").get()).as("adopted: never deleted")
                    .isNotNull();
            assertThat(client.configMaps().inNamespace(ns).withName("fresh").get()).as("made by the deployment").isNull();
        }
    }

    @Test
    void aCrdKeptOnRequestIsNoOrphan(ClusterHandle cluster) {
        String group = cluster.namespace("keepcrd") + ".example.com";
        KubernetesClient client = cluster.client();
        try (LifecycleRig rig = new LifecycleRig(dir("keep"), client)) {
            DeploymentRecord deployed = rig.lifecycle().deploy(rig.parse(Designs.crdOnly(group), "crd.yaml"),
                    DeployOptions.defaults());
            assertThat(deployed.state()).as(deployed.cause()).isEqualTo(DeploymentState.DEPLOYED);
            rig.lifecycle().undeploy(deployed.id(), new UndeployOptions(false, false, TIMEOUT, false));
            var crd = client.apiextensions().v1().customResourceDefinitions().withName("widgets." + group);
            String uid = crd.get().getMetadata().getUid();
            try {
                Orphans orphans = rig.lifecycle().orphans().orElseThrow();
                assertThat(orphans.scan().orphans()).extracting(o -> o.ref().name()).doesNotContain("widgets." + group);
                orphans.clean(false, TIMEOUT, Orphans.Include.none());
                assertThat(crd.get()).as("kept on request").isNotNull();
                assertThat(crd.get().getMetadata().getUid()).isEqualTo(uid);
            } finally {
                crd.delete();
            }
        }
    }

    private static boolean ofA(Orphan orphan, String ns, String group) {
        return inNamespace(orphan, ns) || orphan.ref().name().endsWith(group);
    }

    /** The namespace itself or an object in it. */
    private static boolean inNamespace(Orphan orphan, String ns) {
        return nsObject(orphan, ns) || (orphan.ref().gvk().kind().equals("Namespace") && orphan.ref().name().equals(ns));
    }

    private static boolean nsObject(Orphan orphan, String ns) {
        return ns.equals(orphan.ref().namespace());
    }

    private Path dir(String name) {
        try {
            return Files.createDirectories(work.resolve(name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String configMap(String namespace, String name) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: " + name + ", namespace: " + namespace
                + "}\ndata: {k: v}\n";
    }

    private static Map<String, String> annotations(KubernetesClient client, String ns, String name) {
        Map<String, String> annotations = client.configMaps().inNamespace(ns).withName(name).get().getMetadata()
                .getAnnotations();
        return annotations == null ? Map.of() : annotations;
    }

    /** The uid of every object of the shop design: what must not change. */
    private static Map<String, String> uids(KubernetesClient client, String ns, String group) {
        Map<String, String> uids = new java.util.TreeMap<>();
        uids.put("namespace", client.namespaces().withName(ns).get().getMetadata().getUid());
        uids.put("crd", client.apiextensions().v1().customResourceDefinitions().withName("widgets." + group).get()
                .getMetadata().getUid());
        client.configMaps().inNamespace(ns).list().getItems().stream().filter(c -> !c.getMetadata().getName()
                .equals("kube-root-ca.crt")).forEach(c -> uids.put("cm/" + c.getMetadata().getName(), c.getMetadata().getUid()));
        uids.put("service", client.services().inNamespace(ns).withName("web").get().getMetadata().getUid());
        uids.put("deployment", client.apps().deployments().inNamespace(ns).withName("web").get().getMetadata().getUid());
        client.genericKubernetesResources(group + "/v1", "Widget").inNamespace(ns).list().getItems()
                .forEach(w -> uids.put("widget/" + w.getMetadata().getName(), w.getMetadata().getUid()));
        assertThat(uids).hasSizeGreaterThan(3);
        return uids;
    }

    /** Deletes a deployment's rows from the store, as a store restored from an old backup would lack them. */
    private static void forget(Path data, String id) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("meshwright.db"))) {
            for (String sql : List.of("DELETE FROM inventory WHERE deployment_id = ?",
                    "DELETE FROM deployment_transitions WHERE deployment_id = ?", "DELETE FROM deployments WHERE id = ?")) {
                try (PreparedStatement statement = db.prepareStatement(sql)) {
                    statement.setString(1, id);
                    statement.executeUpdate();
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
