package io.meshwright.plugins.helm.deploy;

import static io.meshwright.plugins.helm.deploy.HelmDeployerTest.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwright.plugins.helm.Charts;
import io.meshwright.plugins.helm.EngineGlue;
import io.meshwright.spi.deploy.DeploymentPart;
import io.meshwright.spi.deploy.PartOutcome;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hooks, kept objects, CEL CRDs, kubeVersion, schemas, subcharts, upgrades and crash recovery on a real cluster. */
@RealCluster
class HelmReleaseScenariosTest {

    @TempDir
    Path dataDir;

    private EngineGlue engine;
    private HelmDeployer deployer;
    private KubernetesClient client;

    @BeforeEach
    void setUp(ClusterHandle cluster) {
        engine = new EngineGlue(cluster, dataDir);
        deployer = new HelmDeployer(engine.registry(), new io.meshwright.plugins.helm.chart.ChartRepository(
                dataDir.resolve("charts"), io.meshwright.plugins.helm.Fetchers.allowingPrivate()), engine.kubeconfigs());
        client = cluster.client();
    }

    @AfterEach
    void tearDown() {
        engine.close();
    }

    @Test
    void celCrdsOnA120ServerFailWithWhatToDoAndLeaveNothingThenInstallWithValidationOffAndKeptObjectsGoOnUndeploy(
            ClusterHandle cluster) {
        String namespace = cluster.namespace("cel");
        DeploymentPart strict = Charts.part("dep-cel", "kept", Charts.dir("kept-cel").toString(), namespace, Map.of(), Map.of());

        PartOutcome refused = deployer.deploy(strict, engine.applier("dep-cel"));

        assertThat(refused).isInstanceOf(PartOutcome.Failed.class);
        assertThat(((PartOutcome.Failed) refused).message()).contains("dials.charts.meshwright.test", "x-kubernetes-validations",
                "disableOpenApiValidation=true", "nothing was installed");
        assertThat(client.apiextensions().v1().customResourceDefinitions().withName("dials.charts.meshwright.test").get()).isNull();
        assertThat(client.namespaces().withName(namespace).get()).isNull();
        assertThat(engine.inventory("dep-cel")).isEmpty();

        DeploymentPart lenient = Charts.part("dep-cel", "kept", Charts.dir("kept-cel").toString(), namespace, Map.of(),
                Map.of("disableOpenApiValidation", "true"));
        assertThat(deployer.deploy(lenient, engine.applier("dep-cel"))).isInstanceOf(PartOutcome.Applied.class);
        String release = ReleaseName.of("dep-cel", "kept", "kept");

        deployer.undeploy(lenient, engine.inventory("dep-cel"), engine.applier("dep-cel"));
        // Helm kept the ConfigMap (resource-policy: keep); the deployer removed it, the kept CRD waits for the sweep.
        assertThat(client.configMaps().inNamespace(namespace).withName(release + "-kept").get()).isNull();
        assertThat(names(engine.inventory("dep-cel"))).contains("CustomResourceDefinition.apiextensions.k8s.io/dials.charts.meshwright.test");
        engine.sweep("dep-cel");
        awaitGone(namespace, "dials.charts.meshwright.test");
    }

    @Test
    void aKubeVersionTheServerFailsIsRefusedBeforeHelmInstallsItsCrds(ClusterHandle cluster) {
        String namespace = cluster.namespace("new");
        PartOutcome outcome = deployer.deploy(Charts.part("dep-new", "new", Charts.dir("too-new").toString(), namespace,
                Map.of(), Map.of()), engine.applier("dep-new"));

        assertThat(outcome).isInstanceOf(PartOutcome.Failed.class);
        assertThat(((PartOutcome.Failed) outcome).message()).contains(">=1.25.0-0", "v1.20", "nothing was installed");
        // Plain Helm would have created the crds/ CRD before checking kubeVersion.
        assertThat(client.apiextensions().v1().customResourceDefinitions().withName("sprockets.charts.meshwright.test").get()).isNull();
        assertThat(engine.inventory("dep-new")).isEmpty();
    }

    @Test
    void valuesAgainstTheChartsSchemaAreRefusedWithTheSchemasMessage(ClusterHandle cluster) {
        String namespace = cluster.namespace("schema");
        PartOutcome outcome = deployer.deploy(Charts.part("dep-schema", "app", Charts.dir("schema").toString(), namespace,
                Map.of("replicas", 9), Map.of()), engine.applier("dep-schema"));

        assertThat(outcome).isInstanceOf(PartOutcome.Failed.class);
        assertThat(((PartOutcome.Failed) outcome).message()).contains("values.schema.json", "replicas");
        assertThat(engine.inventory("dep-schema")).isEmpty();
    }

    @Test
    void hooksAndSubchartObjectsAreInventoriedAndNothingIsLeftAfterUndeploy(ClusterHandle cluster) {
        String namespace = cluster.namespace("hooks");
        DeploymentPart hooked = Charts.part("dep-hooks", "hooked", Charts.dir("hooked").toString(), namespace, Map.of(), Map.of());
        DeploymentPart parent = Charts.part("dep-hooks", "parent", Charts.dir("parent").toString(), namespace,
                Map.of("child", Map.of("colour", "yellow")), Map.of());
        String hookRelease = ReleaseName.of("dep-hooks", "hooked", "hooked");
        String parentRelease = ReleaseName.of("dep-hooks", "parent", "parent");

        assertThat(deployer.deploy(hooked, engine.applier("dep-hooks"))).isInstanceOf(PartOutcome.Applied.class);
        assertThat(deployer.deploy(parent, engine.applier("dep-hooks"))).isInstanceOf(PartOutcome.Applied.class);

        assertThat(names(engine.inventory("dep-hooks"))).contains(
                "ConfigMap/" + namespace + "/" + hookRelease + "-pre-install",
                "ServiceAccount/" + namespace + "/" + hookRelease + "-post-install",
                "Service/" + namespace + "/" + hookRelease,
                "Secret/" + namespace + "/" + parentRelease + "-child",
                "ConfigMap/" + namespace + "/" + parentRelease + "-parent")
                // Helm deleted this hook itself once it succeeded; a record of it would be a phantom.
                .doesNotContain("ConfigMap/" + namespace + "/" + hookRelease + "-cleaned");
        assertThat(client.secrets().inNamespace(namespace).withName(parentRelease + "-child").get().getData().get("colour"))
                .isEqualTo(Base64.getEncoder().encodeToString("yellow".getBytes(StandardCharsets.UTF_8)));

        deployer.undeploy(parent, engine.inventory("dep-hooks"), engine.applier("dep-hooks"));
        PartOutcome hookedRemoved = deployer.undeploy(hooked, engine.inventory("dep-hooks"), engine.applier("dep-hooks"));
        assertThat(hookedRemoved).isInstanceOf(PartOutcome.Applied.class);
        // Hook objects survive Helm's uninstall (pre-install, post-install and the pre-delete hook it just ran).
        assertThat(client.configMaps().inNamespace(namespace).list().getItems()).extracting(c -> c.getMetadata().getName())
                .doesNotContain(hookRelease + "-pre-install", hookRelease + "-pre-delete");
        assertThat(client.serviceAccounts().inNamespace(namespace).withName(hookRelease + "-post-install").get()).isNull();
        engine.sweep("dep-hooks");
        awaitGone(namespace);
    }

    @Test
    void changedValuesUpgradeAndAFailedUpgradeRollsBackWhenAtomic(ClusterHandle cluster)
            throws Exception {
        String namespace = cluster.namespace("upgrade");
        String release = ReleaseName.of("dep-up", "gadgets", "gadgets");
        Map<String, String> atomic = Map.of("atomic", "true", "timeout", "60");
        DeploymentPart v1 = Charts.part("dep-up", "gadgets", Charts.dir("gadgets").toString(), namespace, Map.of("gadgets", 1), atomic);
        assertThat(deployer.deploy(v1, engine.applier("dep-up"))).isInstanceOf(PartOutcome.Applied.class);

        DeploymentPart v2 = Charts.part("dep-up", "gadgets", Charts.dir("gadgets").toString(), namespace,
                Map.of("gadgets", 3, "greeting", "bye"), atomic);
        assertThat(deployer.deploy(v2, engine.applier("dep-up"))).isInstanceOf(PartOutcome.Applied.class);
        assertThat(client.configMaps().inNamespace(namespace).withName(release + "-settings").get().getData())
                .containsEntry("greeting", "bye");
        assertThat(names(engine.inventory("dep-up"))).contains("Gadget.charts.meshwright.test/" + namespace + "/" + release + "-2",
                "Secret/" + namespace + "/sh.helm.release.v1." + release + ".v2");

        // Gadget 11 breaks the CRD's maximum size: the API server refuses it, the upgrade fails, Helm rolls back.
        DeploymentPart broken = Charts.part("dep-up", "gadgets", Charts.dir("gadgets").toString(), namespace,
                Map.of("gadgets", 12, "greeting", "broken"), atomic);
        PartOutcome failed = deployer.deploy(broken, engine.applier("dep-up"));
        assertThat(failed).isInstanceOf(PartOutcome.Failed.class);
        assertThat(client.configMaps().inNamespace(namespace).withName(release + "-settings").get().getData())
                .containsEntry("greeting", "bye");

        deployer.undeploy(v2, engine.inventory("dep-up"), engine.applier("dep-up"));
        engine.sweep("dep-up");
        awaitGone(namespace, "gadgets.charts.meshwright.test");
    }

    @Test
    void aFailedFirstInstallRecordsTheCrdAndNamespaceHelmMadeAsOursAndUndeployRemovesThem(ClusterHandle cluster) {
        assertThat(client.apiextensions().v1().customResourceDefinitions().withName("gadgets.charts.meshwright.test").get())
                .as("the gadgets CRD exists before the test (left by an earlier run?): delete it first").isNull();
        String namespace = cluster.namespace("failedinstall");
        // Gadget 11 breaks the CRD's maximum size: Helm has installed crds/ and created the namespace when the API
        // server refuses it, so the first install fails with both left behind, unlabelled.
        DeploymentPart broken = Charts.part("dep-failed", "gadgets", Charts.dir("gadgets").toString(), namespace,
                Map.of("gadgets", 12), Map.of());

        PartOutcome failed = deployer.deploy(broken, engine.applier("dep-failed"));

        assertThat(failed).isInstanceOf(PartOutcome.Failed.class);
        assertThat(client.namespaces().withName(namespace).get()).as("Helm created the namespace").isNotNull();
        assertThat(names(engine.inventory("dep-failed"))).contains(
                "CustomResourceDefinition.apiextensions.k8s.io/gadgets.charts.meshwright.test", "Namespace/" + namespace);
        assertThat(engine.inventory("dep-failed")).as("Helm made them all for this deployment: none is pre-existing")
                .allMatch(e -> !e.preExisting());
        assertThat(client.apiextensions().v1().customResourceDefinitions().withName("gadgets.charts.meshwright.test").get()
                .getMetadata().getLabels()).as("the CRD carries the deployment's label")
                .containsEntry("meshwright.io/deployment", "dep-failed");
        assertThat(client.namespaces().withName(namespace).get().getMetadata().getLabels())
                .as("the namespace carries the deployment's label").containsEntry("meshwright.io/deployment", "dep-failed");

        assertThat(deployer.undeploy(broken, engine.inventory("dep-failed"), engine.applier("dep-failed")))
                .isInstanceOf(PartOutcome.Applied.class);
        assertThat(engine.sweep("dep-failed")).as("nothing kept as pre-existing")
                .noneMatch(o -> o instanceof io.meshwright.spi.deploy.DeleteOutcome.Kept);
        awaitGone(namespace, "gadgets.charts.meshwright.test");
        assertThat(engine.inventory("dep-failed")).isEmpty();
    }

    @Test
    void aReleaseStuckInPendingUpgradeAfterACrashIsUnlockedAndUpgraded(ClusterHandle cluster) throws Exception {
        String namespace = cluster.namespace("locked");
        String release = ReleaseName.of("dep-locked", "hooked", "hooked");
        DeploymentPart v1 = Charts.part("dep-locked", "hooked", Charts.dir("hooked").toString(), namespace, Map.of(), Map.of());
        DeploymentPart v2 = Charts.part("dep-locked", "hooked", Charts.dir("hooked").toString(), namespace,
                Map.of("message", "two"), Map.of());
        assertThat(deployer.deploy(v1, engine.applier("dep-locked"))).isInstanceOf(PartOutcome.Applied.class);
        assertThat(deployer.deploy(v2, engine.applier("dep-locked"))).isInstanceOf(PartOutcome.Applied.class);
        // A crash while Helm upgraded leaves the newest revision pending-upgrade: the next deploy must not be locked out.
        setStatus(namespace, "sh.helm.release.v1." + release + ".v2", "pending-upgrade");
        DeploymentPart v3 = Charts.part("dep-locked", "hooked", Charts.dir("hooked").toString(), namespace,
                Map.of("message", "three"), Map.of());

        assertThat(deployer.deploy(v3, engine.applier("dep-locked"))).isInstanceOf(PartOutcome.Applied.class);
        assertThat(client.configMaps().inNamespace(namespace).withName(release + "-message").get().getData())
                .containsEntry("message", "three");
        assertThat(latestStatus(namespace, release)).isEqualTo("deployed");

        deployer.undeploy(v3, engine.inventory("dep-locked"), engine.applier("dep-locked"));
        engine.sweep("dep-locked");
        awaitGone(namespace);
    }

    @Test
    void aReleaseStuckInPendingInstallIsReinstalled(ClusterHandle cluster) throws Exception {
        String namespace = cluster.namespace("pending");
        String release = ReleaseName.of("dep-pending", "hooked", "hooked");
        DeploymentPart part = Charts.part("dep-pending", "hooked", Charts.dir("hooked").toString(), namespace, Map.of(), Map.of());
        assertThat(deployer.deploy(part, engine.applier("dep-pending"))).isInstanceOf(PartOutcome.Applied.class);
        setStatus(namespace, "sh.helm.release.v1." + release + ".v1", "pending-install");

        assertThat(deployer.deploy(part, engine.applier("dep-pending"))).isInstanceOf(PartOutcome.Applied.class);
        assertThat(latestStatus(namespace, release)).isEqualTo("deployed");

        deployer.undeploy(part, engine.inventory("dep-pending"), engine.applier("dep-pending"));
        engine.sweep("dep-pending");
        awaitGone(namespace);
    }

    private int latestRevision(String namespace, String release) {
        return client.secrets().inNamespace(namespace).withLabel("owner", "helm").withLabel("name", release).list().getItems()
                .stream().mapToInt(s -> Integer.parseInt(s.getMetadata().getLabels().get("version"))).max().orElseThrow();
    }

    private String latestStatus(String namespace, String release) {
        int revision = latestRevision(namespace, release);
        return client.secrets().inNamespace(namespace).withName("sh.helm.release.v1." + release + ".v" + revision).get()
                .getMetadata().getLabels().get("status");
    }

    /** Rewrites a release record's status as a crash in the middle of Helm's work would leave it. */
    private void setStatus(String namespace, String secretName, String status) throws Exception {
        Secret secret = client.secrets().inNamespace(namespace).withName(secretName).get();
        byte[] helmEncoded = Base64.getDecoder().decode(secret.getData().get("release"));
        byte[] compressed = Base64.getDecoder().decode(new String(helmEncoded, StandardCharsets.US_ASCII));
        String json;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        json = json.replaceFirst("\"status\":\"[a-z-]+\"", "\"status\":\"" + status + "\"");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(json.getBytes(StandardCharsets.UTF_8));
        }
        String encoded = Base64.getEncoder().encodeToString(Base64.getEncoder().encode(out.toByteArray()));
        secret.getData().put("release", encoded);
        secret.getMetadata().getLabels().put("status", status);
        client.secrets().inNamespace(namespace).resource(secret).update();
    }

    private void awaitGone(String namespace, String... crds) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(client.namespaces().withName(namespace).get()).as("namespace " + namespace).isNull();
            for (String crd : crds) {
                assertThat(client.apiextensions().v1().customResourceDefinitions().withName(crd).get()).as("CRD " + crd).isNull();
            }
        });
    }
}
