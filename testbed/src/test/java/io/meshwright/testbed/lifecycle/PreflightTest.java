package io.meshwright.testbed.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwright.engine.lifecycle.DeployOptions;
import io.meshwright.engine.lifecycle.DeploymentRecord;
import io.meshwright.engine.lifecycle.UndeployOptions;
import io.meshwright.spi.deploy.DeploymentState;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy's preflight (a server-side dry run before the first write) against a real API server: what it sends
 * (counted by the server's own {@code apiserver_request_total}) and what it still catches.
 */
@RealCluster
class PreflightTest {

    private static final Pattern DRY_RUN = Pattern.compile(
            "^apiserver_request_total\\{([^}]*)} ([0-9.e+]+)$", Pattern.MULTILINE);

    @TempDir
    Path dataDir;

    @Test
    void plainConfigMapsAndSecretsAreNotSentToTheServerTheRestOnceEach(ClusterHandle cluster) {
        String namespace = cluster.namespace("preflight");
        KubernetesClient client = cluster.client();
        StringBuilder design = new StringBuilder(Designs.configMaps(namespace, 20));
        design.append("---\napiVersion: v1\nkind: Secret\nmetadata: {name: token, namespace: ").append(namespace)
                .append("}\ntype: Opaque\nstringData: {token: t}\n")
                .append("---\napiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: ").append(namespace)
                .append("}\nspec:\n  ports: [{port: 80}]\n");
        try (LifecycleRig rig = new LifecycleRig(dataDir, client)) {
            Map<String, Long> before = dryRuns(client);

            DeploymentRecord deployed = rig.lifecycle().deploy(rig.parse(design.toString(), "preflight.yaml"),
                    DeployOptions.defaults());

            Map<String, Long> after = dryRuns(client);
            assertThat(deployed.state()).as(deployed.cause()).isEqualTo(DeploymentState.DEPLOYED);
            assertThat(after.getOrDefault("configmaps", 0L) - before.getOrDefault("configmaps", 0L))
                    .as("plain config maps are known valid without a dry run").isZero();
            assertThat(after.getOrDefault("secrets", 0L) - before.getOrDefault("secrets", 0L))
                    .as("a plain Opaque secret too").isZero();
            assertThat(after.getOrDefault("services", 0L) - before.getOrDefault("services", 0L))
                    .as("the service is dry-run, once").isEqualTo(1);
            rig.lifecycle().undeploy(deployed.id(), UndeployOptions.defaults());
        }
    }

    @Test
    void configObjectsTheServerWouldRefuseStillStopTheDeployBeforeItsFirstWrite(ClusterHandle cluster) {
        String namespace = cluster.namespace("preflight-bad");
        KubernetesClient client = cluster.client();
        String design = """
                apiVersion: v1
                kind: Namespace
                metadata: {name: NS}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: fine, namespace: NS}
                data: {index: "1"}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: bad-key, namespace: NS}
                data: {"a key with spaces": "x"}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: half-tls, namespace: NS}
                type: kubernetes.io/tls
                stringData: {tls.crt: "not even a certificate"}
                """.replace("NS", namespace);
        try (LifecycleRig rig = new LifecycleRig(dataDir, client)) {
            DeploymentRecord refused = rig.lifecycle().deploy(rig.parse(design, "bad-config.yaml"), DeployOptions.defaults());

            assertThat(refused.state()).isEqualTo(DeploymentState.FAILED);
            assertThat(refused.cause()).contains("refuses 2 object(s) as invalid").contains("nothing was applied")
                    .containsPattern("bad-config\\.yaml:\\d+:\\d+.*: ConfigMap/" + namespace + "/bad-key: .*is invalid")
                    .containsPattern("Secret/" + namespace + "/half-tls: .*is invalid: .*tls\\.key")
                    .doesNotContain("ConfigMap/" + namespace + "/fine");
            assertThat(rig.lifecycle().inventory(refused.id())).as("no write happened").isEmpty();
            assertThat(client.namespaces().withName(namespace).get()).as("not even the namespace").isNull();
        }
    }

    /** Dry-run writes the API server has answered so far, by resource. */
    private static Map<String, Long> dryRuns(KubernetesClient client) {
        Map<String, Long> counts = new java.util.HashMap<>();
        Matcher line = DRY_RUN.matcher(client.raw("/metrics"));
        while (line.find()) {
            String labels = line.group(1);
            Matcher resource = Pattern.compile("resource=\"([^\"]*)\"").matcher(labels);
            if (labels.contains("dry_run=\"All\"") && resource.find()) {
                counts.merge(resource.group(1), (long) Double.parseDouble(line.group(2)), Long::sum);
            }
        }
        return counts;
    }
}
