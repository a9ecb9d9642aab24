package io.meshwright.plugins.git.orphans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwright.engine.cli.Cli;
import io.meshwright.engine.cli.CliEnvironment;
import io.meshwright.plugins.git.GitDaemon;
import io.meshwright.plugins.git.TestRepository;
import io.meshwright.plugins.git.contract.PluginZip;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import io.meshwright.testkit.contract.EngineProcess;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Orphan tracking through the CLI against a real engine (the plugin zip loaded by the built distribution) on the
 * local control plane. Deployment A (a Git part over {@code git daemon} with a CRD, a namespace, config and a custom
 * resource, plus a plain config map; and a CRD of its own) and deployment B (a Git part sharing A's CRD, deployed
 * first, so the CRD ends up carrying A's label) are deployed; then A's rows are deleted from the store, and one record of B's inventory too. {@code orphans scan}
 * finds every object of A and B's stray config map, each with why, and nothing B holds; {@code orphans clean}
 * without {@code --yes} deletes nothing; with it, nothing labelled is left but what B holds (the shared CRD
 * untouched, with the same uid), and B's inventory is not written to; an orphan a finalizer holds is reported with the
 * command that frees it, and its namespace stays until it is gone.
 */
@RealCluster
class OrphansEndToEndTest {

    private static final String LABEL = "meshwright.io/deployment";
    private static final String SHARED_CRD = "gadgets.orphans.meshwright.test";
    private static final String OWN_CRD = "gizmos.orphans.meshwright.test";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void orphansOfADeploymentGoneFromTheStoreAreFoundWithWhyAndCleanedToZeroWhileWhatALiveDeploymentHoldsStays(
            ClusterHandle cluster) throws Exception {
        assumeTrue(GitDaemon.available(), "no git binary (apt-get install git) to run git daemon");
        Optional<Path> distribution = EngineProcess.distribution();
        assumeTrue(distribution.isPresent(), "the engine distribution is not built (mvn -pl engine -am package)");
        String nsA = cluster.namespace("orphana");
        String nsB = cluster.namespace("orphanb");
        Path served = Files.createDirectories(work.resolve("served"));
        Path data = work.resolve("data");
        Files.createDirectories(data.resolve("plugins"));
        PluginZip.build(data.resolve("plugins/git.zip"));
        KubernetesClient client = cluster.client();
        try (TestRepository gone = TestRepository.create(served.resolve("gone"));
                TestRepository live = TestRepository.create(served.resolve("live"));
                GitDaemon daemon = GitDaemon.serve(served)) {
            String commitA = gone.commit("A", Map.of(
                    "deploy/crds.yaml", crd("gadgets", "Gadget") + "---\n" + crd("gizmos", "Gizmo"),
                    "deploy/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: " + nsA + "}\n",
                    "deploy/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: " + nsA
                            + "}\ndata: {color: blue}\n",
                    "deploy/gadget.yaml", "apiVersion: orphans.meshwright.test/v1\nkind: Gadget\nmetadata: {name: first, "
                            + "namespace: " + nsA + "}\n",
                    "deploy/held.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: held, namespace: " + nsA
                            + ", finalizers: [orphans.meshwright.test/hold]}\n",
                    "deploy/gizmo.yaml", "apiVersion: orphans.meshwright.test/v1\nkind: Gizmo\nmetadata: {name: only, "
                            + "namespace: " + nsA + "}\n"), List.of());
            live.commit("B", Map.of(
                    "deploy/crd.yaml", crd("gadgets", "Gadget"),
                    "deploy/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: " + nsB + "}\n",
                    "deploy/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: kept, namespace: " + nsB
                            + "}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: stray, namespace: " + nsB + "}\n"),
                    List.of());
            String idA;
            String idB;
            try (EngineProcess engine = EngineProcess.start(distribution.get(), data, cluster.kubeconfig(), List.of())) {
                // B first: A's apply then puts A's label on the CRD they share, which B still holds once A is gone.
                JsonNode b = engine.deploy(design("orphans-b-" + nsB, daemon.url("live"), nsB, false), "orphans-b", false, Map.of());
                assertThat(b.path("state").asText()).as(b.toString()).isEqualTo("DEPLOYED");
                JsonNode a = engine.deploy(design("orphans-a-" + nsA, daemon.url("gone"), nsA, true), "orphans-a", false, Map.of());
                assertThat(a.path("state").asText()).as(a.toString()).isEqualTo("DEPLOYED");
                idA = a.path("id").asText();
                idB = b.path("id").asText();
                // The deployment records the commit its Git part runs; deployment get shows it.
                Map<String, String> env = Map.of("MESHWRIGHT_SERVER", engine.base().toString());
                Run get = cli(env, data, "deployment", "get", idA);
                assertThat(get.out()).as(get.toString()).contains("repo", "commit=" + commitA, "url=" + daemon.url("gone"),
                        "ref=main", "path=deploy");
                JsonNode parts = JSON.readTree(cli(env, data, "deployment", "get", idA, "-o", "json").out()).path("parts");
                assertThat(parts.path("repo").path("commit").asText()).isEqualTo(commitA);
                assertThat(parts.has("plain")).as("a plain manifest part reports nothing").isFalse();
                engine.terminate();
                engine.awaitExit(Duration.ofSeconds(60));
            }
            String crdUid = client.apiextensions().v1().customResourceDefinitions().withName(SHARED_CRD).get()
                    .getMetadata().getUid();
            List<String> labelledA = labelled(client, idA);
            assertThat(labelledA).contains("CustomResourceDefinition/" + SHARED_CRD, "CustomResourceDefinition/" + OWN_CRD,
                    "Namespace/" + nsA, "ConfigMap/" + nsA + "/settings", "ConfigMap/" + nsA + "/plain",
                    "Gadget/" + nsA + "/first", "Gizmo/" + nsA + "/only", "ConfigMap/" + nsA + "/held");
            forget(data, idA, idB, nsB);

            try (EngineProcess engine = EngineProcess.start(distribution.get(), data, cluster.kubeconfig(), List.of())) {
                Map<String, String> env = Map.of("MESHWRIGHT_SERVER", engine.base().toString());
                int recordsOfB = engine.inventory(idB).path("items").size();

                Run scan = cli(env, data, "orphans", "scan", "-o", "json");
                assertThat(scan.code()).as(scan.toString()).isZero();
                Map<String, JsonNode> found = byObject(JSON.readTree(scan.out()).path("orphans"));
                List<String> expected = new ArrayList<>(labelledA);
                expected.remove("CustomResourceDefinition/" + SHARED_CRD); // B holds it: not an orphan
                expected.add("ConfigMap/" + nsB + "/stray");
                assertThat(found.keySet()).containsExactlyInAnyOrderElementsOf(expected);
                assertThat(found.get("Namespace/" + nsA).path("reason").asText()).isEqualTo("NO_SUCH_DEPLOYMENT");
                assertThat(found.get("Namespace/" + nsA).path("why").asText()).contains(idA, "the store does not hold");
                // The same engine applied them (its id kept in the data directory): its own orphans, cleaned by default.
                assertThat(found.values()).allSatisfy(o -> assertThat(o.path("origin").asText()).isEqualTo("THIS_ENGINE"));
                assertThat(JSON.readTree(scan.out()).path("engine").asText())
                        .isEqualTo(Files.readString(data.resolve("engine-id")).strip());
                Run badEngine = cli(env, data, "orphans", "clean", "--engine", "nope");
                assertThat(badEngine.code()).as(badEngine.toString()).isEqualTo(4);
                assertThat(badEngine.err()).contains("engines", "nope");
                assertThat(found.get("CustomResourceDefinition/" + OWN_CRD).path("reason").asText()).isEqualTo("CRD_CLAIMANTS_GONE");
                assertThat(found.get("ConfigMap/" + nsB + "/stray").path("reason").asText()).isEqualTo("NOT_IN_INVENTORY");
                assertThat(found.get("ConfigMap/" + nsB + "/stray").path("why").asText()).contains(idB, "DEPLOYED");

                Run dryRun = cli(env, data, "orphans", "clean");
                assertThat(dryRun.code()).as(dryRun.toString()).isZero();
                assertThat(dryRun.out()).contains("Dry run: nothing was deleted", "would-be-deleted", "Namespace/" + nsA);
                assertThat(labelled(client, idA)).isEqualTo(labelledA);
                assertThat(labelled(client, idB)).contains("ConfigMap/" + nsB + "/stray");

                // A finalizer holds one orphan: it is reported with the command that frees it, and its namespace stays.
                Run held = cli(env, data, "orphans", "clean", "--yes", "--timeout", "5s");
                assertThat(held.code()).as(held.toString()).isEqualTo(1);
                assertThat(held.out()).contains("held by finalizers [orphans.meshwright.test/hold]",
                        "kubectl patch configmap held -n " + nsA + " --type=merge -p '{\"metadata\":{\"finalizers\":null}}'",
                        "orphan ConfigMap/" + nsA + "/held in it stays");
                assertThat(labelled(client, idA)).containsExactlyInAnyOrder("CustomResourceDefinition/" + SHARED_CRD,
                        "Namespace/" + nsA, "ConfigMap/" + nsA + "/held");
                client.configMaps().inNamespace(nsA).withName("held").edit(c -> {
                    c.getMetadata().setFinalizers(List.of());
                    return c;
                });

                Run clean = cli(env, data, "orphans", "clean", "--yes");
                assertThat(clean.code()).as(clean.toString()).isZero();
                assertThat(labelled(client, idA)).containsExactly("CustomResourceDefinition/" + SHARED_CRD);
                assertThat(client.apiextensions().v1().customResourceDefinitions().withName(SHARED_CRD).get()
                        .getMetadata().getUid()).isEqualTo(crdUid);
                assertThat(labelled(client, idB)).containsExactlyInAnyOrder("Namespace/" + nsB, "ConfigMap/" + nsB + "/kept");
                assertThat(engine.inventory(idB).path("items").size()).as("nothing journaled into B").isEqualTo(recordsOfB);

                Run after = cli(env, data, "orphans", "scan", "-o", "json");
                assertThat(JSON.readTree(after.out()).path("orphans")).isEmpty();

                engine.undeploy(idB);
                assertThat(labelled(client, idB)).isEmpty();
                assertThat(labelled(client, idA)).isEmpty();
            }
        }
    }

    private static String crd(String plural, String kind) {
        return """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: PLURAL.orphans.meshwright.test}
                spec:
                  group: orphans.meshwright.test
                  scope: Namespaced
                  names: {plural: PLURAL, kind: KIND}
                  versions:
                    - name: v1
                      served: true
                      storage: true
                      schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
                """.replace("PLURAL", plural).replace("KIND", kind);
    }

    private static String design(String name, String url, String namespace, boolean plain) {
        String design = """
                schemaVersion: designs.meshery.io/v1beta1
                name: NAME
                version: 0.0.1
                components:
                  - id: repo
                    displayName: manifests
                    component: {kind: Repository, version: git.meshwright.io/v1}
                    model: {name: git, version: v1.0.0}
                    metadata: {source: {type: git, location: "URL", ref: main, path: deploy}}
                    configuration: {}
                """.replace("NAME", name).replace("URL", url);
        if (plain) {
            design += """
                      - id: plain
                        displayName: plain
                        component: {kind: ConfigMap, version: v1}
                        model: {name: kubernetes}
                        metadata: {dependsOn: [manifests]}
                        configuration: {metadata: {namespace: NS}, data: {k: v}}
                    """.replace("NS", namespace);
        }
        return design + "relationships: []\n";
    }

    /** Deletes deployment A's rows from the store, and B's record of its config map "stray". */
    private static void forget(Path data, String idA, String idB, String nsB) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("meshwright.db"))) {
            for (String sql : List.of("DELETE FROM inventory WHERE deployment_id = ?",
                    "DELETE FROM deployment_transitions WHERE deployment_id = ?", "DELETE FROM deployments WHERE id = ?")) {
                try (PreparedStatement statement = db.prepareStatement(sql)) {
                    statement.setString(1, idA);
                    assertThat(statement.executeUpdate()).as(sql).isPositive();
                }
            }
            try (PreparedStatement statement = db.prepareStatement(
                    "DELETE FROM inventory WHERE deployment_id = ? AND namespace = ? AND name = 'stray'")) {
                statement.setString(1, idB);
                statement.setString(2, nsB);
                assertThat(statement.executeUpdate()).isEqualTo(1);
            }
        }
    }

    private static Map<String, JsonNode> byObject(JsonNode answer) {
        Map<String, JsonNode> rows = new TreeMap<>();
        for (JsonNode orphan : answer) {
            JsonNode ref = orphan.path("ref");
            String namespace = ref.path("namespace").asText("");
            rows.put(ref.path("gvk").path("kind").asText() + "/" + (namespace.isEmpty() ? "" : namespace + "/")
                    + ref.path("name").asText(), orphan);
        }
        return rows;
    }

    record Run(int code, String out, String err) {}

    private static Run cli(Map<String, String> env, Path data, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", data.toString()));
        CommandLine commandLine = Cli.commandLine(new CliEnvironment(env, data, Optional.empty()), all.toArray(String[]::new));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    /** {@code Kind/namespace/name} of every object of any served kind carrying the deployment's label, sorted. */
    private static List<String> labelled(KubernetesClient client, String deploymentId) {
        List<String> groupVersions = new ArrayList<>(List.of("v1"));
        for (APIGroup group : client.getApiGroups().getGroups()) {
            groupVersions.add(group.getPreferredVersion().getGroupVersion());
        }
        java.util.TreeSet<String> found = new java.util.TreeSet<>();
        for (String groupVersion : groupVersions) {
            APIResourceList resources = client.getApiResources(groupVersion);
            if (resources == null) {
                continue;
            }
            for (APIResource resource : resources.getResources()) {
                if (resource.getName().contains("/") || !resource.getVerbs().contains("list") || resource.getKind().equals("Event")) {
                    continue;
                }
                for (GenericKubernetesResource item : client.genericKubernetesResources(groupVersion, resource.getKind())
                        .inAnyNamespace().withLabel(LABEL, deploymentId).list().getItems()) {
                    String namespace = item.getMetadata().getNamespace();
                    found.add(resource.getKind() + "/" + (namespace == null ? "" : namespace + "/") + item.getMetadata().getName());
                }
            }
        }
        return List.copyOf(found);
    }
}
