package io.meshwright.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwright.spi.deploy.DeploymentState;
import io.meshwright.engine.Engine;
import io.meshwright.engine.EngineConfig;
import io.meshwright.engine.lifecycle.WaitPolicy;
import io.meshwright.engine.sync.Sync;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drift made outside Meshwright with plain patches (another field manager) and a delete, found by
 * {@code deployment diff} with both values, put back by {@code deployment reconcile}: the CLI against a real engine
 * on the local control plane.
 */
@RealCluster
class DriftCommandTest {

    @TempDir
    Path dir;

    @TempDir
    Path home;

    private final ObjectMapper json = new ObjectMapper();

    private static final String DESIGN = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: NS}
            data: {color: blue, "app.conf": "debug=false"}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: extra, namespace: NS}
            data: {size: "3"}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: creds, namespace: NS}
            stringData: {password: hunter2}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: NS}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                    - name: web
                      image: nginx:1.25
                      resources: {requests: {cpu: "0.5"}}
            """;

    @Test
    void driftMadeOutsideIsDiffedWithBothValuesAndReconciledBackToDeployed(ClusterHandle cluster) throws Exception {
        String namespace = cluster.createNamespace("drift");
        Path design = dir.resolve("drift.yaml");
        Files.writeString(design, DESIGN.replace("NS", namespace));
        KubernetesClient kube = cluster.client();
        try (Engine engine = Engine.start(config(cluster), Clock.systemUTC())) {
            Map<String, String> env = Map.of("MESHWRIGHT_SERVER", engine.httpUrl(), "MESHWRIGHT_TOKEN", engine.token());
            CliTestSupport.Run applied = CliTestSupport.run(env, home, "design", "apply", "--name", "drift-" + namespace,
                    "-f", design.toString());
            assertThat(applied.exitCode()).as(applied.out() + applied.err()).isZero();
            String id = deploymentId(env);

            CliTestSupport.Run clean = CliTestSupport.run(env, home, "deployment", "diff", id);
            assertThat(clean.exitCode()).as(clean.out() + clean.err()).isZero();
            assertThat(clean.out()).contains("DEPLOYED: no drift: 4 object(s) as deployed");

            kube.configMaps().inNamespace(namespace).withName("settings").edit(map -> {
                map.getData().put("color", "red");
                return map;
            });
            kube.apps().deployments().inNamespace(namespace).withName("web").edit(deployment -> {
                deployment.getSpec().setReplicas(5);
                return deployment;
            });
            kube.secrets().inNamespace(namespace).withName("creds").edit(secret -> {
                secret.getData().put("password", java.util.Base64.getEncoder().encodeToString("swordfish".getBytes()));
                return secret;
            });
            kube.configMaps().inNamespace(namespace).withName("extra").delete();
            await(() -> kube.configMaps().inNamespace(namespace).withName("extra").get() == null);

            CliTestSupport.Run diff = CliTestSupport.run(env, home, "deployment", "diff", id, "-o", "json");
            JsonNode report = json.readTree(diff.out());
            assertThat(diff.exitCode()).as(diff.out() + diff.err()).isEqualTo(1);
            assertThat(report.path("deployment").path("state").asText()).isEqualTo("DRIFTED");
            assertThat(fields(report)).hasSize(3).contains(
                    "ConfigMap/" + namespace + "/settings data.color blue→red",
                    "Deployment.apps/" + namespace + "/web spec.replicas 2→5");
            assertThat(fields(report)).anySatisfy(field -> assertThat(field)
                    .matches("Secret/" + namespace + "/creds data.password \\(hidden, sha256:[0-9a-f]{8}\\)→\\(hidden, sha256:[0-9a-f]{8}\\)"));
            assertThat(diff.out()).doesNotContain("hunter2").doesNotContain("aHVudGVyMg").doesNotContain("swordfish")
                    .doesNotContain("c3dvcmRmaXNo");
            assertThat(verdicts(report)).contains("ConfigMap/" + namespace + "/extra MISSING");
            CliTestSupport.Run table = CliTestSupport.run(env, home, "deployment", "diff", id);
            assertThat(table.out()).contains("spec.replicas").contains("(object)").contains("deleted")
                    .contains("DRIFTED: 4 object(s) changed outside Meshwright");
            assertThat(CliTestSupport.run(env, home, "deployment", "get", id).out()).contains("DRIFTED");

            CliTestSupport.Run reconcile = CliTestSupport.run(env, home, "deployment", "reconcile", id);
            assertThat(reconcile.exitCode()).as(reconcile.out() + reconcile.err()).isZero();
            assertThat(reconcile.out()).contains("put back 3 field(s) and re-created 1 object(s) on 4 object(s): DEPLOYED");
            assertThat(kube.configMaps().inNamespace(namespace).withName("settings").get().getData())
                    .containsEntry("color", "blue");
            assertThat(kube.apps().deployments().inNamespace(namespace).withName("web").get().getSpec().getReplicas())
                    .isEqualTo(2);
            assertThat(kube.configMaps().inNamespace(namespace).withName("extra").get()).isNotNull();
            assertThat(kube.secrets().inNamespace(namespace).withName("creds").get().getData()).containsEntry("password",
                    java.util.Base64.getEncoder().encodeToString("hunter2".getBytes()));
            JsonNode inventory = json.readTree(CliTestSupport.run(env, home, "deployment", "inventory", id, "-o", "json").out());
            String recreatedUid = kube.configMaps().inNamespace(namespace).withName("extra").get().getMetadata().getUid();
            assertThat(inventory.findValuesAsText("uid")).contains(recreatedUid);

            CliTestSupport.Run redeploy = CliTestSupport.run(env, home, "design", "apply", "--name", "drift-" + namespace,
                    "-f", design.toString());
            assertThat(redeploy.exitCode()).as(redeploy.out() + redeploy.err()).isZero();
            CliTestSupport.Run after = CliTestSupport.run(env, home, "deployment", "diff", id);
            assertThat(after.exitCode()).as(after.out()).isZero();
            assertThat(after.out()).contains("DEPLOYED: no drift");

            assertThat(CliTestSupport.run(env, home, "deployment", "delete", id).exitCode()).isZero();
            CliTestSupport.Run undeployed = CliTestSupport.run(env, home, "deployment", "diff", id);
            CliTestSupport.Run notReconciled = CliTestSupport.run(env, home, "deployment", "reconcile", id);
            CliTestSupport.Run unknown = CliTestSupport.run(env, home, "deployment", "diff", "no-such-deployment");
            assertThat(undeployed.exitCode()).isNotZero();
            assertThat(undeployed.err()).contains("is UNDEPLOYED: drift is judged only for a DEPLOYED or DRIFTED deployment");
            assertThat(notReconciled.err()).contains("is UNDEPLOYED: reconcile re-applies");
            assertThat(unknown.exitCode()).isEqualTo(3);
            assertThat(unknown.err()).contains("no deployment with id no-such-deployment");
        }
    }

    @Test
    void aChangeTheSyncWatcherSeesMovesTheDeploymentToDriftedAndBackWithoutAnyCall(ClusterHandle cluster)
            throws Exception {
        String namespace = cluster.createNamespace("drift-events");
        Path design = dir.resolve("events.yaml");
        Files.writeString(design, DESIGN.replace("NS", namespace));
        KubernetesClient kube = cluster.client();
        try (Engine engine = Engine.start(config(cluster), Clock.systemUTC())) {
            Map<String, String> env = Map.of("MESHWRIGHT_SERVER", engine.httpUrl(), "MESHWRIGHT_TOKEN", engine.token());
            assertThat(CliTestSupport.run(env, home, "design", "apply", "--name", "events-" + namespace, "-f",
                    design.toString()).exitCode()).isZero();
            String id = deploymentId(env);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> engine.sync().status().state() == Sync.State.WATCHING && engine.sync().status().synced());

            kube.configMaps().inNamespace(namespace).withName("settings").edit(map -> {
                map.getData().put("color", "green");
                return map;
            });
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(engine.deployments().get(id).orElseThrow().state()).isEqualTo(DeploymentState.DRIFTED));
            assertThat(engine.deployments().get(id).orElseThrow().cause()).contains("settings (data.color)");

            kube.configMaps().inNamespace(namespace).withName("settings").edit(map -> {
                map.getData().put("color", "blue");
                return map;
            });
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(engine.deployments().get(id).orElseThrow().state()).isEqualTo(DeploymentState.DEPLOYED));
            assertThat(engine.deployments().history(id)).filteredOn(line -> line.contains("DEPLOYED → DRIFTED")).hasSize(1);
        }
    }

    private EngineConfig config(ClusterHandle cluster) {
        return new EngineConfig("127.0.0.1", 0, 0, dir.resolve("data"), Optional.empty(), Optional.of(cluster.kubeconfig()),
                Optional.empty(), WaitPolicy.APPLIED, Duration.ofMinutes(1));
    }

    private String deploymentId(Map<String, String> env) throws Exception {
        JsonNode list = json.readTree(CliTestSupport.run(env, home, "deployment", "list", "-o", "json").out());
        return list.path("items").get(0).path("id").asText();
    }

    private static List<String> fields(JsonNode report) {
        List<String> fields = new ArrayList<>();
        for (JsonNode object : report.path("objects")) {
            for (JsonNode field : object.path("fields")) {
                fields.add(object.path("object").asText() + " " + field.path("path").asText() + " "
                        + field.path("deployed").asText() + "→" + field.path("live").asText());
            }
        }
        return fields;
    }

    private static List<String> verdicts(JsonNode report) {
        List<String> verdicts = new ArrayList<>();
        report.path("objects").forEach(o -> verdicts.add(o.path("object").asText() + " " + o.path("verdict").asText()));
        return verdicts;
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(condition);
    }
}
