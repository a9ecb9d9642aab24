package io.meshwright.testbed.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwright.engine.Engine;
import io.meshwright.engine.EngineConfig;
import io.meshwright.engine.cli.Cli;
import io.meshwright.engine.cli.CliEnvironment;
import io.meshwright.engine.lifecycle.WaitPolicy;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The product as a user drives it: a real engine (HTTP API, store, lifecycle) on loopback, the CLI in-process,
 * the real control plane behind it.
 */
@RealCluster
class EngineEndToEndTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path userHome;

    private record Run(int exitCode, String out, String err) {}

    @Test
    void theCliValidatesPlansAppliesAndDeletesADesignLeavingNothingBehind(ClusterHandle cluster) throws Exception {
        String namespace = cluster.namespace("e2e");
        Path design = dataDir.resolve("shop.yaml");
        Files.writeString(design, """
                apiVersion: v1
                kind: Namespace
                metadata: {name: NS}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: NS}
                data: {color: blue}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: NS}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                        - {name: web, image: nginx:1.27, envFrom: [{configMapRef: {name: settings}}]}
                """.replace("NS", namespace));
        EngineConfig config = new EngineConfig("127.0.0.1", 0, 0, dataDir, Optional.empty(),
                Optional.of(cluster.kubeconfig()), Optional.empty(), WaitPolicy.APPLIED, Duration.ofMinutes(2));
        try (Engine engine = Engine.start(config, Clock.systemUTC())) {
            Map<String, String> env = Map.of("MESHWRIGHT_SERVER", engine.httpUrl(), "MESHWRIGHT_TOKEN", engine.token());

            Run validate = cli(env, "design", "validate", "-f", design.toString());
            assertThat(validate.exitCode()).as(validate.out() + validate.err()).isZero();
            assertThat(validate.out()).contains("valid");

            Run plan = cli(env, "design", "plan", "-f", design.toString());
            assertThat(plan.exitCode()).as(plan.out() + plan.err()).isZero();
            assertThat(plan.out()).contains("Namespace/" + namespace).contains("ConfigMap/" + namespace + "/settings")
                    .contains("0 refused");
            assertThat(cluster.client().namespaces().withName(namespace).get()).as("plan changes nothing").isNull();

            Run apply = cli(env, "design", "apply", "-f", design.toString());
            assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
            assertThat(apply.out()).contains("DEPLOYED").contains("3 object(s) in the inventory");
            assertThat(apply.out()).as("progress, followed for the types it shows only")
                    .containsSubsequence("APPLYING", "level 1/3: applying", "level 1/3: 1 applied", "DEPLOYED");
            assertThat(cluster.client().apps().deployments().inNamespace(namespace).withName("web").get()).isNotNull();

            Run list = cli(env, "deployment", "list");
            assertThat(list.out()).contains("shop").contains("DEPLOYED");

            Run dryRun = cli(env, "design", "delete", "-f", design.toString(), "--dry-run");
            assertThat(dryRun.out()).contains("Would remove").containsSubsequence("Deployment.apps/", "ConfigMap/", "Namespace/")
                    .contains("would-be-deleted");
            assertThat(cluster.client().namespaces().withName(namespace).get()).isNotNull();

            Run delete = cli(env, "design", "delete", "-f", design.toString());
            assertThat(delete.exitCode()).as(delete.out() + delete.err()).isZero();
            assertThat(delete.out()).contains("UNDEPLOYED, 0 left");
            assertThat(cluster.client().namespaces().withName(namespace).get()).isNull();
        }
    }

    @Test
    void modelsGeneratedFromTheClusterAreRegisteredOnceAndFindable(ClusterHandle cluster) {
        EngineConfig config = new EngineConfig("127.0.0.1", 0, 0, dataDir, Optional.empty(),
                Optional.of(cluster.kubeconfig()), Optional.empty(), WaitPolicy.APPLIED, Duration.ofMinutes(1));
        try (Engine engine = Engine.start(config, Clock.systemUTC())) {
            Map<String, String> env = Map.of("MESHWRIGHT_SERVER", engine.httpUrl(), "MESHWRIGHT_TOKEN", engine.token());

            Run first = cli(env, "model", "generate", "--from-cluster");
            assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
            assertThat(first.out()).containsPattern("[1-9][0-9]* created").contains("0 rejected");

            Run second = cli(env, "model", "generate", "--from-cluster");
            assertThat(second.out()).as("the cluster serves what it served: same fingerprint, nothing stored")
                    .contains("cluster (source cluster): unchanged since ").contains("nothing stored");

            Run deployments = cli(env, "component", "list", "--kind", "Deployment", "--model", "kubernetes");
            assertThat(deployments.out()).contains("Deployment").contains("apps/v1");
        }
    }

    @Test
    void anInvalidDesignIsRefusedWithItsFileAndLineAndNothingIsApplied(ClusterHandle cluster) throws Exception {
        Path design = dataDir.resolve("broken.yaml");
        Files.writeString(design, """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: fine}
                data: {k: v}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: [not, a, name]}
                """);
        EngineConfig config = new EngineConfig("127.0.0.1", 0, 0, dataDir, Optional.empty(),
                Optional.of(cluster.kubeconfig()), Optional.empty(), WaitPolicy.APPLIED, Duration.ofMinutes(1));
        try (Engine engine = Engine.start(config, Clock.systemUTC())) {
            Map<String, String> env = Map.of("MESHWRIGHT_SERVER", engine.httpUrl(), "MESHWRIGHT_TOKEN", engine.token());

            Run apply = cli(env, "design", "apply", "-f", design.toString());

            assertThat(apply.exitCode()).isNotZero();
            assertThat(apply.err()).contains("broken.yaml:8");
            assertThat(cluster.client().configMaps().inNamespace("default").withName("fine").get()).isNull();
        }
    }

    private Run cli(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = Cli.commandLine(new CliEnvironment(env, userHome, Optional.empty()));
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int code = command.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
