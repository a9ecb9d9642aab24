package io.meshwright.plugins.git.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwright.engine.cli.Cli;
import io.meshwright.engine.cli.CliEnvironment;
import io.meshwright.plugins.git.GitDaemon;
import io.meshwright.plugins.git.TestRepository;
import io.meshwright.plugins.git.contract.PluginZip;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import io.meshwright.testkit.contract.EngineProcess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Drift of a Git part through the CLI against a real engine (the plugin zip loaded by the built distribution) on the
 * local control plane, its repository served by {@code git daemon}: the part is judged, not skipped; its objects
 * are judged by presence at what was deployed (the branch moving on afterwards is no drift), and one deleted
 * outside Meshwright is MISSING.
 */
@RealCluster
class GitDriftEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void aGitPartsObjectDeletedOutsideMeshwrightIsMissingAndTheBranchMovingOnIsNoDrift(ClusterHandle cluster)
            throws Exception {
        assumeTrue(GitDaemon.available(), "no git binary (apt-get install git) to run git daemon");
        Optional<Path> distribution = EngineProcess.distribution();
        assumeTrue(distribution.isPresent(), "the engine distribution is not built (mvn -pl engine -am package)");
        String namespace = cluster.createNamespace("gitdrift");
        Path served = Files.createDirectories(work.resolve("served"));
        Path data = work.resolve("data");
        Files.createDirectories(data.resolve("plugins"));
        PluginZip.build(data.resolve("plugins/git.zip"));
        try (TestRepository repository = TestRepository.create(served.resolve("app"));
                GitDaemon daemon = GitDaemon.serve(served)) {
            String deployedCommit = repository.commit("first", Map.of("deploy/config.yaml", configMaps(namespace, "blue")),
                    List.of());
            try (EngineProcess engine = EngineProcess.start(distribution.get(), data, cluster.kubeconfig(), List.of())) {
                JsonNode deployed = engine.deploy(design(daemon.url("app")), "git-drift", false, Map.of());
                assertThat(deployed.path("state").asText()).as(deployed.toString()).isEqualTo("DEPLOYED");
                String id = deployed.path("id").asText();
                Map<String, String> env = Map.of("MESHWRIGHT_SERVER", engine.base().toString());

                // The branch moves on: what runs is still what was deployed, so nothing drifted.
                repository.commit("second", Map.of("deploy/config.yaml", configMaps(namespace, "red")), List.of());
                Run clean = cli(env, data, "deployment", "diff", id, "-o", "json");
                assertThat(clean.code()).as(clean.toString()).isZero();
                JsonNode report = JSON.readTree(clean.out());
                assertThat(report.path("skipped")).as("a Git part is judged, not skipped").isEmpty();
                assertThat(report.path("objects")).hasSize(2).allSatisfy(o -> {
                    assertThat(o.path("verdict").asText()).isEqualTo("IN_SYNC");
                    assertThat(o.path("message").asText()).contains("fields not compared").contains(deployedCommit);
                });

                cluster.client().configMaps().inNamespace(namespace).withName("other").delete();
                long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (cluster.client().configMaps().inNamespace(namespace).withName("other").get() != null
                        && System.nanoTime() < until) {
                    Thread.sleep(200);
                }
                Run drifted = cli(env, data, "deployment", "diff", id, "-o", "json");
                assertThat(drifted.code()).as(drifted.toString()).isEqualTo(1);
                JsonNode missing = JSON.readTree(drifted.out());
                assertThat(missing.path("drifted").asBoolean()).isTrue();
                assertThat(missing.path("objects")).anySatisfy(o -> {
                    assertThat(o.path("object").asText()).contains("ConfigMap/" + namespace + "/other");
                    assertThat(o.path("verdict").asText()).isEqualTo("MISSING");
                });
                assertThat(engine.deployment(id).path("state").asText()).isEqualTo("DRIFTED");
                engine.undeploy(id);
            }
        }
    }

    private static String configMaps(String namespace, String color) {
        return ("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: NS}\ndata: {color: COLOR}\n"
                + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: other, namespace: NS}\ndata: {k: v}\n")
                .replace("NS", namespace).replace("COLOR", color);
    }

    private static String design(String url) {
        return """
                schemaVersion: designs.meshery.io/v1beta1
                name: git-drift
                version: 0.0.1
                components:
                  - id: repo
                    displayName: manifests
                    component: {kind: Repository, version: git.meshwright.io/v1}
                    model: {name: git, version: v1.0.0}
                    metadata: {source: {type: git, location: "URL", ref: main, path: deploy}}
                    configuration: {}
                relationships: []
                """.replace("URL", url);
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
}
