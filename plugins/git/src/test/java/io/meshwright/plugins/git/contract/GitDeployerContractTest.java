package io.meshwright.plugins.git.contract;

import io.meshwright.plugins.git.TestRepository;
import io.meshwright.testkit.contract.DeployerContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The Git deployer, loaded from a plugin zip by a real engine (a child JVM started from the built distribution),
 * keeps the deployer contract, kills included: the design's one component names a folder of a real repository
 * (over {@code file://}) holding a namespace, two config maps and a secret.
 */
class GitDeployerContractTest extends DeployerContract {

    private static Path root;
    private static Path zip;
    private final Map<String, String> urls = new ConcurrentHashMap<>();

    @BeforeAll
    static void pluginZip() throws IOException {
        root = Files.createTempDirectory("git-contract");
        zip = PluginZip.build(root.resolve("git.zip"));
        // A git.zip a previous package put into the distribution would be a second plugin with the same id.
        Path dist = Path.of(System.getProperty("meshwright.distribution", "../../engine/target/meshwright"));
        Files.deleteIfExists(dist.resolve("plugins/git.zip"));
    }

    @AfterAll
    static void cleanUp() throws IOException {
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Override
    protected List<Path> plugins() {
        return List.of(zip);
    }

    @Override
    protected String design(String namespace) {
        String url = urls.computeIfAbsent(namespace, GitDeployerContractTest::repository);
        return """
                schemaVersion: designs.meshery.io/v1beta1
                id: 6c2d4a1f-0000-4000-8000-00000000c0de
                name: git-contract
                version: 0.0.1
                components:
                  - id: 6c2d4a1f-0000-4000-8000-000000000001
                    displayName: manifests
                    component: {kind: Repository, version: git.meshwright.io/v1}
                    model: {name: git, version: v1.0.0}
                    metadata: {source: {type: git, location: "URL", ref: main, path: deploy}}
                    configuration: {}
                """.replace("URL", url);
    }

    private static String repository(String namespace) {
        try (TestRepository repo = TestRepository.create(Files.createDirectories(root.resolve("repo-" + namespace)))) {
            repo.commit("manifests for " + namespace, Map.of(
                    "deploy/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: " + namespace + "}\n",
                    "deploy/config/config.yaml", """
                            apiVersion: v1
                            kind: ConfigMap
                            metadata: {name: first, namespace: NS}
                            data: {color: blue}
                            ---
                            apiVersion: v1
                            kind: ConfigMap
                            metadata: {name: second, namespace: NS}
                            data: {size: "3"}
                            """.replace("NS", namespace),
                    "deploy/secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata: {name: token, namespace: " + namespace
                            + "}\nstringData: {token: not-a-real-one}\n"), List.of());
            return repo.fileUrl();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
