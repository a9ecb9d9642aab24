package io.meshwright.engine.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.meshwright.spi.Severity;
import io.meshwright.engine.cluster.DryRun;
import io.meshwright.engine.cluster.KubeObjects;
import io.meshwright.spi.deploy.PartOutcome;
import io.meshwright.spi.deploy.ApplyException;
import io.meshwright.spi.deploy.ApplyResult;
import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.InventoryStatus;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.deploy.ToolMarks;
import io.meshwright.spi.model.Gvk;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@RealCluster
public class JournalingApplierTest {

    private static final Gvk CONFIG_MAP = new Gvk("", "v1", "ConfigMap");

    @Test
    void applyCreatesTheObjectLabelledAndReapplyingItChangesNothing(ClusterHandle cluster) {
        String ns = cluster.createNamespace("apply");
        ApplierFixture f = new ApplierFixture(cluster.client(), ns);
        Map<String, Object> settings = configMap("settings", null);

        ApplyResult first = f.applier.apply(settings, "part-a");
        String versionAfterFirst = resourceVersion(f, first.ref());
        ApplyResult second = f.applier.apply(settings, "part-a");

        assertThat(first.created()).isTrue();
        assertThat(first.ref()).isEqualTo(new ResourceRef(CONFIG_MAP, ns, "settings"));
        assertThat(second.created()).isFalse();
        assertThat(second.changed()).isFalse();
        assertThat(second.uid()).isEqualTo(first.uid());
        assertThat(resourceVersion(f, first.ref())).isEqualTo(versionAfterFirst);
        ConfigMap live = cluster.client().configMaps().inNamespace(ns).withName("settings").get();
        assertThat(live.getMetadata().getLabels()).containsEntry("meshwright.io/deployment", f.deploymentId);
        assertThat(live.getMetadata().getAnnotations()).containsEntry("meshwright.io/part", "part-a");
        assertThat(live.getMetadata().getManagedFields()).anySatisfy(m -> {
            assertThat(m.getManager()).isEqualTo("meshwright");
            assertThat(m.getOperation()).isEqualTo("Apply");
        });
        assertThat(f.journal.entry(f.deploymentId, first.ref())).get()
                .extracting(InventoryEntry::uid, InventoryEntry::status, InventoryEntry::preExisting)
                .containsExactly(first.uid(), InventoryStatus.CONFIRMED, false);
    }

    @Test
    void intentIsCommittedBeforeTheObjectExists(ClusterHandle cluster) {
        String ns = cluster.createNamespace("intent");
        ApplierFixture f = new ApplierFixture(cluster.client(), ns);
        List<String> seenAtIntent = Collections.synchronizedList(new ArrayList<>());
        f.journal.onIntend(ref -> seenAtIntent.add(
                cluster.client().configMaps().inNamespace(ref.namespace()).withName(ref.name()).get() == null
                        ? "absent" : "present"));

        ApplyResult result = f.applier.apply(configMap("ordered", null), "part-a");

        assertThat(seenAtIntent).containsExactly("absent");
        assertThat(f.journal.calls()).containsExactly("intend " + result.ref(), "confirm " + result.ref());
    }

    @Test
    void aRefusedCreateDropsItsIntent(ClusterHandle cluster) {
        String ns = cluster.createNamespace("refused");
        ApplierFixture f = new ApplierFixture(cluster.client(), ns);
        Map<String, Object> badService = ApplierFixture.yaml("""
                apiVersion: v1
                kind: Service
                metadata: {name: bad}
                spec: {ports: [{port: 999999}]}
                """);

        assertThatThrownBy(() -> f.applier.apply(badService, "part-a"))
                .isInstanceOf(ApplyException.class)
                .hasMessageContaining("Service/" + ns + "/bad");

        ResourceRef ref = new ResourceRef(new Gvk("", "v1", "Service"), ns, "bad");
        assertThat(f.journal.calls()).containsExactly("intend " + ref, "forget " + ref);
        assertThat(f.journal.entries(f.deploymentId)).isEmpty();
    }

    @Test
    void aServiceWithoutPortProtocolAppliesOnAnOldServer(ClusterHandle cluster) {
        String ns = cluster.createNamespace("svc");
        ApplierFixture f = new ApplierFixture(cluster.client(), ns);

        ApplyResult result = f.applier.apply(ApplierFixture.yaml("""
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec:
                  selector: {app: web}
                  ports: [{name: http, port: 80, targetPort: 8080}]
                """), "part-svc");

        assertThat(result.created()).isTrue();
        assertThat(cluster.client().services().inNamespace(ns).withName("web").get().getSpec().getPorts())
                .singleElement().satisfies(p -> assertThat(p.getProtocol()).isEqualTo("TCP"));
        assertThat(f.applier.view().awaitReady(result.ref(), Duration.ofSeconds(10)).isReady()).isTrue();
    }

    @Test
    void anObjectThatExistedBeforeIsTakenOverOnlyWhenAdoptingAndThenRecordedAsPreExistingAndNeverDeleted(
            ClusterHandle cluster) {
        String ns = cluster.createNamespace("brownfield");
        ApplierFixture f = new ApplierFixture(cluster.client(), ns);
        cluster.client().configMaps().inNamespace(ns).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("theirs").endMetadata().addToData("owner", "them").build()).create();

        assertThatThrownBy(() -> f.applier.apply(configMap("theirs", null), "part-a"))
                .isInstanceOf(ApplyException.class).hasMessageContaining("--adopt");
        assertThat(f.journal.entries(f.deploymentId)).as("a refused adoption leaves no record").isEmpty();

        ApplyResult result = f.adopting().apply(configMap("theirs", null), "part-a");
        InventoryEntry entry = f.journal.entry(f.deploymentId, result.ref()).orElseThrow();

        assertThat(entry.preExisting()).isTrue();
        assertThat(f.applier.delete(entry, Duration.ofSeconds(5))).isInstanceOf(
                io.meshwright.spi.deploy.DeleteOutcome.Kept.class);
        assertThat(cluster.client().configMaps().inNamespace(ns).withName("theirs").get()).isNotNull();
    }

    @Test
    void aNamespacedObjectWithoutNamespaceGoesToTheDefaultNamespace(ClusterHandle cluster) {
        String ns = cluster.createNamespace("defaultns");
        ApplierFixture f = new ApplierFixture(cluster.client(), ns);

        ApplyResult result = f.applier.apply(configMap("placed", null), "p");

        assertThat(result.ref().namespace()).isEqualTo(ns);
    }

    @Test
    void manyObjectsApplyConcurrentlyAndOneRefusalDoesNotStopTheOthers(ClusterHandle cluster) {
        String ns = cluster.createNamespace("bulk");
        ApplierFixture f = new ApplierFixture(cluster.client(), ns);
        List<Map<String, Object>> objects = new ArrayList<>(IntStream.range(0, 30)
                .mapToObj(i -> configMap("cm-" + i, null)).toList());
        objects.add(ApplierFixture.yaml("{apiVersion: v1, kind: Service, metadata: {name: bad}, spec: {ports: [{port: 0}]}}"));

        List<PartOutcome> outcomes = f.applier.applyMany(objects, Collections.nCopies(objects.size(), "bulk"), 8);

        assertThat(outcomes).hasSize(31);
        assertThat(outcomes.subList(0, 30)).allMatch(o -> o instanceof PartOutcome.Applied);
        assertThat(outcomes.get(30)).isInstanceOf(PartOutcome.Failed.class);
        assertThat(cluster.client().configMaps().inNamespace(ns).withLabel("meshwright.io/deployment", f.deploymentId)
                .list().getItems()).hasSize(30);
    }

    @Test
    void aDryRunChangesNothingAndRecordsNothing(ClusterHandle cluster) {
        String ns = cluster.createNamespace("dryrun");
        ApplierFixture f = new ApplierFixture(cluster.client(), ns);

        DryRun dryRun = f.cluster.objects().dryRun(configMap("planned", null), f.deploymentId, "p");

        assertThat(dryRun.wouldCreate()).isTrue();
        assertThat(dryRun.wouldChange()).isTrue();
        assertThat(KubeObjects.labelOf(dryRun.result())).contains(f.deploymentId);
        assertThat(cluster.client().configMaps().inNamespace(ns).withName("planned").get()).isNull();
        assertThat(f.journal.calls()).isEmpty();

        f.applier.apply(configMap("planned", null), "p");
        assertThat(f.cluster.objects().dryRun(configMap("planned", null), f.deploymentId, "p").wouldChange()).isFalse();
        assertThat(f.cluster.objects().dryRun(configMap("planned", "changed"), f.deploymentId, "p").wouldChange()).isTrue();
    }

    @Test
    void aKindTheClusterDoesNotServeIsRefusedBeforeAnyIntent(ClusterHandle cluster) {
        String ns = cluster.createNamespace("unserved");
        ApplierFixture f = new ApplierFixture(cluster.client(), ns);

        assertThatThrownBy(() -> f.applier.apply(ApplierFixture.yaml(
                "{apiVersion: nowhere.example.com/v1, kind: Ghost, metadata: {name: g}}"), "p"))
                .isInstanceOf(ApplyException.class)
                .hasMessageContaining("does not serve nowhere.example.com/v1 Ghost");
        assertThat(f.journal.calls()).isEmpty();
    }

    @Test
    void objectsCreatedByAToolAreIntendedFirstAndConfirmedWithTheirUidOrForgottenWhenTheyNeverAppeared(
            ClusterHandle cluster) {
        String ns = cluster.createNamespace("tool");
        ApplierFixture f = new ApplierFixture(cluster.client(), ns);
        ResourceRef made = new ResourceRef(CONFIG_MAP, ns, "made-by-helm");
        ResourceRef skipped = new ResourceRef(CONFIG_MAP, ns, "never-made");

        f.applier.intend(List.of(made, skipped), "chart");
        String uid = cluster.client().configMaps().inNamespace(ns).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("made-by-helm").endMetadata().build()).create().getMetadata().getUid();
        List<InventoryEntry> confirmed = f.applier.confirm(List.of(made, skipped), "chart");

        assertThat(confirmed).singleElement().satisfies(e -> {
            assertThat(e.ref()).isEqualTo(made);
            assertThat(e.uid()).isEqualTo(uid);
            assertThat(e.status()).isEqualTo(InventoryStatus.CONFIRMED);
            assertThat(e.preExisting()).isFalse();
        });
        assertThat(f.journal.entry(f.deploymentId, skipped)).isEmpty();
        assertThat(f.journal.calls()).containsExactly("intend " + made, "intend " + skipped, "confirm " + made,
                "forget " + skipped);
        assertThat(cluster.client().configMaps().inNamespace(ns).withName("made-by-helm").get().getMetadata().getLabels())
                .as("a tool's object carries the deployment label once confirmed, so label scans see it")
                .containsEntry(KubeObjects.DEPLOYMENT_LABEL, f.deploymentId);
    }

    @Test
    void objectsAFailedToolMadeAndIntendsAgainStayOursAndAreDeletedWhileAnObjectThatWasThereStaysPreExisting(
            ClusterHandle cluster) {
        String ns = cluster.createNamespace("toolfail");
        ApplierFixture f = new ApplierFixture(cluster.client(), ns);
        ResourceRef made = new ResourceRef(CONFIG_MAP, ns, "made-before-failing");
        ResourceRef theirs = new ResourceRef(CONFIG_MAP, ns, "there-before");
        cluster.client().configMaps().inNamespace(ns).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("there-before").endMetadata().build()).create();

        // The tool stamps what it makes (as Helm's release annotations do) and declares that mark when it intends.
        ToolMarks marks = new ToolMarks(List.of(), Map.of("tool.example.com/run", "r1"));
        f.applier.intend(List.of(made, theirs), "chart", marks);
        cluster.client().configMaps().inNamespace(ns).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("made-before-failing").addToAnnotations("tool.example.com/run", "r1")
                .endMetadata().build()).create();
        // The tool failed: the deployer records whatever it made by intending and confirming it all again.
        f.applier.intend(List.of(made, theirs), "chart", marks);
        List<InventoryEntry> confirmed = f.applier.confirm(List.of(made, theirs), "chart");

        assertThat(confirmed).extracting(InventoryEntry::ref, InventoryEntry::preExisting)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(made, false),
                        org.assertj.core.groups.Tuple.tuple(theirs, true));
        assertThat(cluster.client().configMaps().inNamespace(ns).withName("made-before-failing").get().getMetadata()
                .getLabels()).containsEntry(KubeObjects.DEPLOYMENT_LABEL, f.deploymentId);
        assertThat(cluster.client().configMaps().inNamespace(ns).withName("there-before").get().getMetadata()
                .getLabels()).as("an object that was there is never marked").isNullOrEmpty();

        List<io.meshwright.spi.deploy.DeleteOutcome> outcomes = f.applier.deleteAll(confirmed, Duration.ofSeconds(30), 2);

        assertThat(outcomes.get(0)).isInstanceOf(io.meshwright.spi.deploy.DeleteOutcome.Deleted.class);
        assertThat(outcomes.get(1)).isInstanceOf(io.meshwright.spi.deploy.DeleteOutcome.Kept.class);
        assertThat(cluster.client().configMaps().inNamespace(ns).withName("made-before-failing").get()).isNull();
        assertThat(cluster.client().configMaps().inNamespace(ns).withName("there-before").get()).isNotNull();
    }

    @Test
    void aToolsIntentKeepsItsMarksForRecoveryAndAnIntentWithoutMarksIsAPlainOne(ClusterHandle cluster) {
        String ns = cluster.createNamespace("marks");
        ApplierFixture f = new ApplierFixture(cluster.client(), ns);
        ResourceRef marked = new ResourceRef(CONFIG_MAP, ns, "marked");
        ResourceRef plain = new ResourceRef(CONFIG_MAP, ns, "plain");
        ToolMarks marks = new ToolMarks(List.of("java"), Map.of("meta.helm.sh/release-name", "r"));

        f.applier.intend(List.of(marked), "chart", marks);
        f.applier.intend(List.of(plain), "chart");

        assertThat(f.journal.toolMarks(f.deploymentId, marked)).contains(marks);
        assertThat(f.journal.toolMarks(f.deploymentId, plain))
                .as("without marks, recovery takes only what carries the deployment's label").isEmpty();
    }

    public static Map<String, Object> configMap(String name, String value) {
        return ApplierFixture.yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: %s}
                data: {key: "%s"}
                """.formatted(name, value == null ? "value" : value));
    }

    private static String resourceVersion(ApplierFixture f, ResourceRef ref) {
        return KubeObjects.resourceVersion(f.applier.view().get(ref).orElseThrow());
    }

    static boolean warned(ApplierFixture f, String type) {
        return f.events.stream().anyMatch(e -> e.type().equals(type) && e.severity() == Severity.WARNING);
    }
}
