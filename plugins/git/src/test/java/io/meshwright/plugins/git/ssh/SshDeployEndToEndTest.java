package io.meshwright.plugins.git.ssh;

import static io.meshwright.plugins.git.Secrets.assertNoKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwright.engine.cli.Cli;
import io.meshwright.engine.cli.CliEnvironment;
import io.meshwright.plugins.git.SshServer;
import io.meshwright.plugins.git.TestRepository;
import io.meshwright.plugins.git.contract.PluginZip;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import io.meshwright.testkit.contract.EngineProcess;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A design whose part names an {@code ssh://} repository (a bare repository served by a real OpenSSH {@code sshd} on
 * loopback), deployed by a real engine (the built distribution, the plugin zip loaded by PF4J: the SSH transport and
 * its jars come from the plugin's own class loader) onto the local control plane with {@code sshKeyFile} and
 * {@code knownHostsFile}; {@code deployment get} through the CLI shows the commit; a design with a key the server does
 * not accept fails naming the option; undeploy leaves nothing labelled. The engine runs with
 * {@code --credentials-dir} on the keys' folder: a design naming a key through a symbolic link out of it (to a copy of
 * the very key the server accepts), or a variable without the {@code MESHWRIGHT_CRED_} prefix, fails naming the
 * component, the option and the rule, and nothing is deployed. Neither private key is in the engine's output, any
 * answer, or any file of its data directory (the store included).
 */
@RealCluster
class SshDeployEndToEndTest {

    private static final String LABEL = "meshwright.io/deployment";

    @TempDir
    Path work;

    @Test
    void aPartFromAnSshRepositoryDeploysThroughTheEngineAndAWrongKeyFailsNamingTheOption(ClusterHandle cluster)
            throws IOException {
        assumeTrue(SshServer.unavailable().isEmpty(), SshServer.unavailable().orElse(""));
        Optional<Path> distribution = EngineProcess.distribution();
        assumeTrue(distribution.isPresent(), "the engine distribution is not built (mvn -pl engine -am package)");
        // A git.zip a previous package put into the distribution would be a second plugin with the same id.
        Files.deleteIfExists(distribution.get().resolve("plugins/git.zip"));
        String namespace = cluster.namespace("gitssh");
        Path keys = Files.createDirectories(work.resolve("keys"));
        Path key = SshServer.keyPair(keys.resolve("id_ed25519"), "ed25519", "");
        Path stranger = SshServer.keyPair(keys.resolve("id_stranger"), "ed25519", "");
        String keyText = Files.readString(key);
        String strangerText = Files.readString(stranger);
        Path data = work.resolve("data");
        Files.createDirectories(data.resolve("plugins"));
        PluginZip.build(data.resolve("plugins/git.zip"));
        KubernetesClient client = cluster.client();
        List<String> answers = new ArrayList<>();
        try (TestRepository repo = TestRepository.create(work.resolve("source"));
                SshServer server = SshServer.serve(work.resolve("sshd"), key)) {
            String commit = repo.commit("A", Map.of(
                    "deploy/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: " + namespace + "}\n",
                    "deploy/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: "
                            + namespace + "}\ndata: {color: blue}\n"), List.of());
            String url = server.url(repo.publish(work.resolve("served/manifests.git")));
            String safeUrl = url.replace(System.getProperty("user.name") + "@", "");
            Path knownHosts = server.knownHosts(keys.resolve("known_hosts"));
            // The accepted key, copied outside the credentials folder and linked from inside it.
            Path copy = Files.copy(key, Files.createDirectories(work.resolve("outside")).resolve("id_copy"));
            Path escape = Files.createSymbolicLink(keys.resolve("escape"), copy);

            try (EngineProcess engine = EngineProcess.start(distribution.get(), data, cluster.kubeconfig(), List.of(),
                    List.of("--credentials-dir", keys.toString()))) {
                assertThat(Files.readString(data.resolve("engine.out")))
                        .contains("credentials designs may name: variables MESHWRIGHT_CRED_*; files under " + keys);
                EngineProcess.Answer linked = engine.tryDeploy(design("git-ssh-link-" + namespace, url, escape, knownHosts),
                        "git-ssh-link-" + namespace);
                answers.add(linked.body());
                assertThat(linked.body()).contains("FAILED", "component manifests: ", "option sshKeyFile names the file "
                        + escape + ", which designs may not use: it leads through a symbolic link to outside the"
                        + " credential folders", "serve --credentials-dir").doesNotContain(copy.toString());
                // design plan renders the part: the same refusal, a user's error (exit 1, 400), never an internal one.
                Path linkedDesign = Files.writeString(work.resolve("linked.yaml"), design("git-ssh-link-" + namespace, url,
                        escape, knownHosts));
                StringWriter planOut = new StringWriter();
                StringWriter planErr = new StringWriter();
                String[] plan = {"design", "plan", "-f", linkedDesign.toString(), "--data-dir", data.toString()};
                CommandLine planCli = Cli.commandLine(new CliEnvironment(Map.of("MESHWRIGHT_SERVER", engine.base().toString()),
                        data, Optional.empty()), plan);
                planCli.setOut(new PrintWriter(planOut, true));
                planCli.setErr(new PrintWriter(planErr, true));
                int planExit = planCli.execute(plan);
                answers.add(planOut + planErr.toString());
                assertThat(planErr.toString()).as(planOut.toString())
                        .contains("Credential not allowed for designs: component manifests: option sshKeyFile names the"
                                + " file " + escape + ", which designs may not use", "serve --credentials-dir")
                        .doesNotContain("Internal error");
                assertThat(planExit).isNotZero();
                EngineProcess.Answer fromHome = engine.tryDeploy(design("git-ssh-env-" + namespace, url, key, knownHosts)
                        .replace("sshKeyFile: \"" + key + "\"", "sshKeyEnv: HOME"), "git-ssh-env-" + namespace);
                answers.add(fromHome.body());
                assertThat(fromHome.body()).contains("FAILED", "option sshKeyEnv names the environment variable HOME,"
                        + " which designs may not use", "MESHWRIGHT_CRED_", "serve --credential-env-prefix");
                assertThat(client.namespaces().withName(namespace).get()).as("nothing deployed").isNull();

                JsonNode deployed = engine.deploy(design("git-ssh-" + namespace, url, key, knownHosts), "git-ssh-" + namespace,
                        false, Map.of());
                answers.add(deployed.toString());
                assertThat(deployed.path("state").asText()).as(deployed.toString()).isEqualTo("DEPLOYED");
                String id = deployed.path("id").asText();
                assertThat(client.configMaps().inNamespace(namespace).withName("settings").get().getData())
                        .containsEntry("color", "blue");
                assertThat(client.namespaces().withName(namespace).get().getMetadata().getLabels()).containsEntry(LABEL, id);

                StringWriter out = new StringWriter();
                String[] get = {"deployment", "get", id, "--data-dir", data.toString()};
                CommandLine cli = Cli.commandLine(new CliEnvironment(Map.of("MESHWRIGHT_SERVER", engine.base().toString()),
                        data, Optional.empty()), get);
                cli.setOut(new PrintWriter(out, true));
                assertThat(cli.execute(get)).isZero();
                assertThat(out.toString()).contains("commit=" + commit, "url=" + safeUrl);
                answers.add(out.toString());

                EngineProcess.Answer refused = engine.tryDeploy(design("git-ssh-stranger-" + namespace, url, stranger, knownHosts),
                        "git-ssh-stranger-" + namespace);
                answers.add(refused.body());
                // The mirror of this URL exists by now, so it is the fetch the server refuses.
                assertThat(refused.body()).contains("FAILED", "cannot fetch " + safeUrl + ": ",
                        "the server did not accept the key from option sshKeyFile (" + stranger + ")");

                JsonNode undeployed = engine.undeploy(id);
                answers.add(undeployed.toString());
                assertThat(undeployed.path("deployment").path("state").asText()).as(undeployed.toString()).isEqualTo("UNDEPLOYED");
                assertThat(client.namespaces().withName(namespace).get()).satisfiesAnyOf(
                        ns -> assertThat(ns).isNull(),
                        ns -> assertThat(ns.getStatus().getPhase()).isEqualTo("Terminating"));
                answers.add(engine.history(id).toString());
                engine.terminate();
                engine.awaitExit(Duration.ofSeconds(60));
            }
        }

        for (String answer : answers) {
            assertNoKey(answer, keyText, strangerText);
        }
        try (Stream<Path> files = Files.walk(data)) {
            List<Path> written = files.filter(Files::isRegularFile).toList();
            assertThat(written).contains(data.resolve("engine.out"), data.resolve("meshwright.db"));
            for (Path file : written) {
                assertNoKey(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1), keyText, strangerText);
            }
        }
    }

    private static String design(String name, String url, Path key, Path knownHosts) {
        return """
                schemaVersion: designs.meshery.io/v1beta1
                name: NAME
                version: 0.0.1
                components:
                  - id: repo
                    displayName: manifests
                    component: {kind: Repository, version: git.meshwright.io/v1}
                    model: {name: git, version: v1.0.0}
                    metadata:
                      source:
                        type: git
                        location: "URL"
                        ref: main
                        path: deploy
                        options: {sshKeyFile: "KEY", knownHostsFile: "HOSTS"}
                    configuration: {}
                relationships: []
                """.replace("NAME", name).replace("URL", url).replace("KEY", key.toString())
                .replace("HOSTS", knownHosts.toString());
    }
}
