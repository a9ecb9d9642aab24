package io.meshwright.plugins.git.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwright.engine.cli.Cli;
import io.meshwright.engine.cli.CliEnvironment;
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
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A Helm chart inside a Git repository (a real repository made with JGit, served over {@code file://}), with the
 * Git plugin zip and the Helm plugin's built zip in a real engine's plugins folder: {@code model generate --from git:…}
 * yields the chart's model (the Git plugin hands the chart to the Helm plugin's source through the SPI); a design
 * whose Git part selects the chart deploys the release through the Helm deployer, every object in the inventory and
 * the commit in the part's details; undeploy leaves nothing labelled. Without the Helm plugin both fail naming the
 * chart folder.
 */
@RealCluster
class ChartInRepositoryEndToEndTest {

    private static final String LABEL = "meshwright.io/deployment";

    @TempDir
    Path work;

    @Test
    void aChartInARepositoryIsModelledAndDeployedByTheHelmPluginAndWithoutItBothFailNamingTheChart(ClusterHandle cluster)
            throws IOException {
        Optional<Path> distribution = EngineProcess.distribution();
        assumeTrue(distribution.isPresent(), "the engine distribution is not built (mvn -pl engine -am package)");
        Optional<Path> helmZip = helmZip();
        assumeTrue(helmZip.isPresent(), "the Helm plugin zip is not built (mvn -pl plugins/helm -am package)");
        // Zips a previous package put into the distribution would be second plugins with the same ids, and so would
        // the folders PF4J unpacked them into when an earlier engine started (the bare engine must have no Helm).
        for (String plugin : List.of("git", "helm")) {
            Files.deleteIfExists(distribution.get().resolve("plugins/" + plugin + ".zip"));
            ChartFolders.delete(distribution.get().resolve("plugins/" + plugin));
        }
        String namespace = cluster.namespace("gitchart");
        KubernetesClient client = cluster.client();
        try (TestRepository repo = TestRepository.create(work.resolve("source"))) {
            String commit = repo.commit("a chart", chart(), List.of());
            String url = repo.fileUrl();

            Path data = work.resolve("data");
            Files.createDirectories(data.resolve("plugins"));
            PluginZip.build(data.resolve("plugins/git.zip"));
            Files.copy(helmZip.get(), data.resolve("plugins/helm.zip"), StandardCopyOption.REPLACE_EXISTING);
            try (EngineProcess engine = EngineProcess.start(distribution.get(), data, cluster.kubeconfig(), List.of())) {
                Run generated = cli(engine, data, "model", "generate", "--from", "git:" + url + "#ref=main&path=charts");
                assertThat(generated.code()).as(generated.out()).isZero();
                assertThat(generated.out()).contains("greeter");
                Run models = cli(engine, data, "model", "list");
                assertThat(models.out()).as(models.out()).contains("greeter");

                JsonNode deployed = engine.deploy(design("git-chart-" + namespace, url, namespace), "git-chart-" + namespace,
                        false, Map.of());
                assertThat(deployed.path("state").asText()).as(deployed.toString()).isEqualTo("DEPLOYED");
                String id = deployed.path("id").asText();
                var config = client.configMaps().inNamespace(namespace).list().getItems().stream()
                        .filter(c -> c.getMetadata().getName().endsWith("-greeting")).findFirst().orElseThrow();
                assertThat(config.getData()).containsEntry("message", "hi from git").containsEntry("helper", "made-by-helper");
                assertThat(config.getMetadata().getLabels()).containsEntry(LABEL, id);
                List<String> inventory = new ArrayList<>();
                for (JsonNode entry : engine.inventory(id)) {
                    inventory.add(entry.path("ref").path("gvk").path("kind").asText() + "/" + entry.path("ref").path("name").asText()
                            + "/" + entry.path("status").asText());
                }
                assertThat(inventory).contains("ConfigMap/" + config.getMetadata().getName() + "/CONFIRMED");
                Run get = cli(engine, data, "deployment", "get", id);
                assertThat(get.out()).as(get.out()).contains("commit=" + commit);

                JsonNode undeployed = engine.undeploy(id);
                assertThat(undeployed.path("deployment").path("state").asText()).as(undeployed.toString()).isEqualTo("UNDEPLOYED");
                assertThat(client.configMaps().inNamespace(namespace).withLabel(LABEL, id).list().getItems()).isEmpty();
                assertThat(client.secrets().inNamespace(namespace).withLabel(LABEL, id).list().getItems()).isEmpty();
                engine.terminate();
            }

            Path bare = work.resolve("bare");
            Files.createDirectories(bare.resolve("plugins"));
            PluginZip.build(bare.resolve("plugins/git.zip"));
            try (EngineProcess engine = EngineProcess.start(distribution.get(), bare, cluster.kubeconfig(), List.of())) {
                Run generated = cli(engine, bare, "model", "generate", "--from", "git:" + url + "#ref=main&path=charts");
                assertThat(generated.code()).as(generated.out()).isNotZero();
                assertThat(generated.out()).contains("chart folder", "charts/greeter", "no installed model source supports charts");

                EngineProcess.Answer refused = engine.tryDeploy(design("git-chart-bare-" + namespace, url, namespace),
                        "git-chart-bare-" + namespace);
                assertThat(refused.body()).contains("FAILED", "charts/greeter is a Helm chart",
                        "no installed deployer supports charts");
                engine.terminate();
            }
        }
    }

    private static Map<String, String> chart() {
        return Map.of(
                "charts/greeter/Chart.yaml", "apiVersion: v2\nname: greeter\nversion: 0.3.0\ndescription: a test chart\n",
                "charts/greeter/values.yaml", "message: hello\n",
                "charts/greeter/templates/_helpers.tpl", "{{- define \"greeter.helper\" -}}made-by-helper{{- end -}}\n",
                "charts/greeter/templates/configmap.yaml", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata:
                          name: {{ .Release.Name }}-greeting
                        data:
                          message: {{ .Values.message | quote }}
                          helper: {{ include "greeter.helper" . | quote }}
                        """,
                "README.md", "not a chart\n");
    }

    private static String design(String name, String url, String namespace) {
        return """
                schemaVersion: designs.meshery.io/v1beta1
                name: NAME
                version: 0.0.1
                components:
                  - id: greeter
                    displayName: greeter
                    component: {kind: Repository, version: git.meshwright.io/v1}
                    model: {name: git, version: v1.0.0}
                    metadata:
                      source: {type: git, location: "URL", ref: main, path: charts/greeter}
                    configuration: {metadata: {namespace: NS}, message: hi from git}
                relationships: []
                """.replace("NAME", name).replace("URL", url).replace("NS", namespace);
    }

    private static Optional<Path> helmZip() throws IOException {
        Path target = Path.of("../helm/target");
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches("meshwright-plugin-helm-.*\\.zip")).findFirst();
        }
    }

    private record Run(int code, String out) {}

    private static Run cli(EngineProcess engine, Path data, String... args) {
        StringWriter out = new StringWriter();
        String[] all = Stream.concat(Stream.of(args), Stream.of("--data-dir", data.toString())).toArray(String[]::new);
        CommandLine cli = Cli.commandLine(new CliEnvironment(Map.of("MESHWRIGHT_SERVER", engine.base().toString()),
                data, Optional.empty()), all);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        int code = cli.execute(all);
        return new Run(code, out.toString());
    }
}
