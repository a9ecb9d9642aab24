package io.meshwright.plugins.git.comparison;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwright.plugins.git.TestRepository;
import io.meshwright.plugins.git.contract.PluginZip;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import io.meshwright.testkit.contract.EngineProcess;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference system's documented limit, shown next to Meshwright on the same repository. Commit A holds a CRD, a
 * namespace with a config map and a custom resource in it, and a config map in the part's namespace; commit B drops
 * the CRD, the namespace and the custom resource. The plain way — every file applied at A, then at B, then the objects
 * of B's files deleted by name — leaves the CRD and the namespace (with what is in it) behind, because nothing
 * remembers what A created. Meshwright's deploy at A, redeploy at B and undeploy leave nothing.
 *
 * <p>The plain side is {@code kubectl apply --server-side -f} emulated with a separate fabric8 client (server-side
 * apply of every document, CRDs and namespaces first, the rest once the CRD is established, as a second
 * {@code kubectl apply} run would), and {@code kubectl delete -f} by the objects' names: the machine has no kubectl of
 * the control plane's version that CI installs.
 */
@RealCluster
class PlainApplyComparisonTest {

    private static final String CRD = "doohickeys.compare.meshwright.test";

    @TempDir
    Path work;

    @Test
    void plainApplyAndDeleteByNameLeavesTheDroppedCrdAndNamespaceWhileMeshwrightLeavesNothing(ClusterHandle cluster)
            throws Exception {
        Optional<Path> distribution = EngineProcess.distribution();
        assumeTrue(distribution.isPresent(), "the engine distribution is not built (mvn -pl engine -am package)");
        String part = cluster.createNamespace("cmppart");
        String own = cluster.namespace("cmpown");
        KubernetesClient client = cluster.client();
        try (TestRepository repo = TestRepository.create(work.resolve("repo"))) {
            Map<String, String> filesA = commitA(own, part);
            String a = repo.commit("A", filesA, List.of());
            Map<String, String> filesB = new TreeMap<>(filesA);
            List<String> dropped = List.of("deploy/crd.yaml", "deploy/namespace.yaml", "deploy/own.yaml");
            dropped.forEach(filesB::remove);
            filesB.put("deploy/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: " + part
                    + "}\ndata: {color: green}\n");
            String b = repo.commit("B drops the CRD and the namespace", Map.of("deploy/config.yaml", filesB.get("deploy/config.yaml")),
                    dropped);

            // The plain way: apply at A, apply at B, delete B's objects by name.
            try (KubernetesClient plain = io.meshwright.engine.cluster.KubeClients.create(client.getConfiguration())) {
                apply(plain, filesA, part);
                apply(plain, filesB, part);
                for (HasMetadata object : objects(plain, filesB, part)) {
                    plain.resource(object).withTimeout(60, TimeUnit.SECONDS).delete();
                }
                assertThat(client.apiextensions().v1().customResourceDefinitions().withName(CRD).get())
                        .as("the CRD commit B dropped is left behind").isNotNull();
                assertThat(client.namespaces().withName(own).get()).as("the namespace commit B dropped is left behind").isNotNull();
                assertThat(client.configMaps().inNamespace(own).withName("own-settings").get()).isNotNull();
                // Clean up by hand, as its user would have to, before Meshwright uses the same names.
                plain.genericKubernetesResources("compare.meshwright.test/v1", "Doohickey").inNamespace(own)
                        .withName("first").withTimeout(60, TimeUnit.SECONDS).delete();
                plain.apiextensions().v1().customResourceDefinitions().withName(CRD).withTimeout(60, TimeUnit.SECONDS).delete();
                plain.namespaces().withName(own).withTimeout(90, TimeUnit.SECONDS).delete();
            }

            // Meshwright: deploy at A, redeploy at B, undeploy.
            Path data = Files.createDirectories(work.resolve("data").resolve("plugins")).getParent();
            PluginZip.build(data.resolve("plugins/git.zip"));
            try (EngineProcess engine = EngineProcess.start(distribution.get(), data, cluster.kubeconfig(), List.of())) {
                JsonNode first = engine.deploy(design(repo.fileUrl(), a, "0.0.1"), "compare", false, Map.of());
                assertThat(first.path("state").asText()).as(first.toString()).isEqualTo("DEPLOYED");
                String id = first.path("id").asText();
                assertThat(client.apiextensions().v1().customResourceDefinitions().withName(CRD).get()).isNotNull();
                JsonNode second = engine.deploy(design(repo.fileUrl(), b, "0.0.2"), "compare", false, Map.of());
                assertThat(second.path("state").asText()).as(second.toString()).isEqualTo("DEPLOYED");
                assertThat(client.apiextensions().v1().customResourceDefinitions().withName(CRD).get())
                        .as("the redeploy at B pruned the CRD").isNull();
                assertThat(client.namespaces().withName(own).get()).as("and the namespace").isNull();
                JsonNode report = engine.undeploy(id);
                assertThat(report.path("deployment").path("state").asText()).as(report.toString()).isEqualTo("UNDEPLOYED");
                assertThat(client.configMaps().inNamespace(part).withName("settings").get()).isNull();
                assertThat(client.configMaps().inAnyNamespace().withLabel("meshwright.io/deployment", id).list().getItems()).isEmpty();
            }
        }
    }

    private static Map<String, String> commitA(String own, String part) {
        return new TreeMap<>(Map.of(
                "deploy/crd.yaml", """
                        apiVersion: apiextensions.k8s.io/v1
                        kind: CustomResourceDefinition
                        metadata: {name: doohickeys.compare.meshwright.test}
                        spec:
                          group: compare.meshwright.test
                          scope: Namespaced
                          names: {plural: doohickeys, kind: Doohickey}
                          versions:
                            - name: v1
                              served: true
                              storage: true
                              schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
                        """,
                "deploy/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: " + own + "}\n",
                "deploy/own.yaml", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: own-settings, namespace: OWN}
                        data: {size: "3"}
                        ---
                        apiVersion: compare.meshwright.test/v1
                        kind: Doohickey
                        metadata: {name: first, namespace: OWN}
                        """.replace("OWN", own),
                "deploy/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: " + part
                        + "}\ndata: {color: blue}\n"));
    }

    private static String design(String url, String commit, String version) {
        return """
                schemaVersion: designs.meshery.io/v1beta1
                id: 7d3e5b2a-0000-4000-8000-0000000c0a9e
                name: compare
                version: VERSION
                components:
                  - id: repo
                    displayName: manifests
                    component: {kind: Repository, version: git.meshwright.io/v1}
                    model: {name: git, version: v1.0.0}
                    metadata: {source: {type: git, location: "URL", ref: COMMIT, path: deploy}}
                    configuration: {}
                relationships: []
                """.replace("URL", url).replace("COMMIT", commit).replace("VERSION", version);
    }

    /** Every document of {@code files}, namespaced config without a namespace put into {@code namespace} (kubectl -n). */
    private static List<HasMetadata> objects(KubernetesClient client, Map<String, String> files, String namespace) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String text : files.values()) {
            for (HasMetadata object : client.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))).items()) {
                if (object.getMetadata().getNamespace() == null && object.getKind().equals("ConfigMap")) {
                    object.getMetadata().setNamespace(namespace);
                }
                objects.add(object);
            }
        }
        return objects;
    }

    /** kubectl apply --server-side -f of every file: CRDs and namespaces first, the rest once the CRDs are established. */
    private static void apply(KubernetesClient client, Map<String, String> files, String namespace) {
        List<HasMetadata> objects = objects(client, files, namespace);
        List<HasMetadata> first = objects.stream()
                .filter(o -> o.getKind().equals("CustomResourceDefinition") || o.getKind().equals("Namespace")).toList();
        first.forEach(o -> client.resource(o).fieldManager("kubectl").forceConflicts().serverSideApply());
        first.stream().filter(CustomResourceDefinition.class::isInstance).forEach(crd -> client.apiextensions().v1()
                .customResourceDefinitions().withName(crd.getMetadata().getName()).waitUntilCondition(
                        d -> d != null && d.getStatus() != null && d.getStatus().getConditions().stream()
                                .anyMatch(c -> c.getType().equals("Established") && c.getStatus().equals("True")),
                        60, TimeUnit.SECONDS));
        objects.stream().filter(o -> !first.contains(o))
                .forEach(o -> client.resource(o).fieldManager("kubectl").forceConflicts().serverSideApply());
    }
}
