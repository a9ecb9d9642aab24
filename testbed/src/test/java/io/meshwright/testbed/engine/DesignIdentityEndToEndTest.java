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
 * Issue 13, item 1: two manifest files that share a file name are two designs, so deploying the second never
 * prunes what the first created.
 */
@RealCluster
class DesignIdentityEndToEndTest {

    @TempDir
    Path dir;

    @TempDir
    Path userHome;

    private record Run(int exitCode, String out, String err) {}

    @Test
    void applyingDbDeployYamlAfterAppDeployYamlMakesTwoDeploymentsAndPrunesNothing(ClusterHandle cluster) throws Exception {
        String namespace = cluster.createNamespace("ident");
        Path app = Files.createDirectories(dir.resolve("app")).resolve("deploy.yaml");
        Path db = Files.createDirectories(dir.resolve("db")).resolve("deploy.yaml");
        Files.writeString(app, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app-settings, namespace: NS}\ndata: {k: v}\n"
                .replace("NS", namespace));
        Files.writeString(db, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: db-settings, namespace: NS}\ndata: {k: v}\n"
                .replace("NS", namespace));
        EngineConfig config = new EngineConfig("127.0.0.1", 0, 0, dir.resolve("data"), Optional.empty(),
                Optional.of(cluster.kubeconfig()), Optional.empty(), WaitPolicy.APPLIED, Duration.ofMinutes(1));
        try (Engine engine = Engine.start(config, Clock.systemUTC())) {
            Map<String, String> env = Map.of("MESHWRIGHT_SERVER", engine.httpUrl(), "MESHWRIGHT_TOKEN", engine.token());

            Run first = cli(env, "design", "apply", "-f", app.toString());
            Run second = cli(env, "design", "apply", "-f", db.toString());

            assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
            assertThat(second.exitCode()).as(second.out() + second.err()).isZero();
            assertThat(engine.deployments().list()).hasSize(2);
            assertThat(cluster.client().configMaps().inNamespace(namespace).withName("app-settings").get())
                    .as("the first design's object is not pruned by the second").isNotNull();
            assertThat(cluster.client().configMaps().inNamespace(namespace).withName("db-settings").get()).isNotNull();

            Run deleteApp = cli(env, "design", "delete", "-f", app.toString());
            assertThat(deleteApp.exitCode()).as(deleteApp.out() + deleteApp.err()).isZero();
            assertThat(cluster.client().configMaps().inNamespace(namespace).withName("app-settings").get()).isNull();
            assertThat(cluster.client().configMaps().inNamespace(namespace).withName("db-settings").get())
                    .as("deleting one design leaves the other's objects").isNotNull();
            assertThat(cli(env, "design", "delete", "-f", db.toString()).exitCode()).isZero();
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
