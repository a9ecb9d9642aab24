package io.meshwright.testbed.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.contract.EngineProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Git deployer on 1,000 manifests, one file each (the benchmark's namespaces, CRD, config maps, secrets,
 * services, deployments and custom resources), through a real engine with the Git plugin zip: the first deploy, a
 * redeploy after a commit that changes 10 files, and the same files deployed as a plain manifest design. Targets
 * (issue 15): redeploy ≤ 0.2× the first deploy; first deploy ≤ 1.1× the plain manifest design.
 *
 * <p>Run: {@code testbed/bench git} (builds the engine, the Git plugin and the testbed, then runs this main on the
 * local control plane or {@code MESHWRIGHT_KUBECONFIG}'s cluster). The repository is made with the {@code git}
 * binary and served over {@code file://}.
 */
public final class GitDeployBenchmark {

    private GitDeployBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path zip = Path.of(System.getProperty("meshwright.gitPlugin", "plugins/git/target/meshwright-plugin-git-0.1.0-SNAPSHOT.zip"));
        Path distribution = EngineProcess.distribution().orElseThrow(() -> new IllegalStateException(
                "no engine distribution: mvn -pl engine -am package"));
        String run = Long.toString(System.currentTimeMillis() % 100_000, 36);
        try (ClusterHandle cluster = ClusterHandle.obtain()) {
            Path work = Files.createTempDirectory("meshwright-git-bench");
            Path repo = Files.createDirectories(work.resolve("repo"));
            List<String> documents = documents("gb" + run);
            git(repo, "init", "-q", "-b", "main");
            for (int i = 0; i < documents.size(); i++) {
                Files.writeString(repo.resolve(String.format(Locale.ROOT, "m/%04d.yaml", i)), documents.get(i));
            }
            commit(repo, "A: " + documents.size() + " manifests");
            Path data = Files.createDirectories(work.resolve("data/plugins")).getParent();
            if (!Files.exists(distribution.resolve("plugins/git.zip"))) {
                Files.copy(zip, data.resolve("plugins/git.zip")); // else the distribution's own (the same build) is loaded
            }
            System.out.println("cluster " + cluster.serverVersion() + ", " + documents.size() + " manifests, run " + run);
            try (EngineProcess engine = EngineProcess.start(distribution, data, cluster.kubeconfig(), List.of())) {
                warmUp(engine, work, run);
                // The plain design first: whatever warms up further in the engine then favours the Git part's runs.
                List<String> plainDocuments = documents("pb" + run);
                String manifests = BenchmarkObjects.yaml(plainDocuments);
                JsonNode[] plainRecord = new JsonNode[1];
                long plain = timed(() -> plainRecord[0] = expect(engine.deploy(manifests, "plain-bench-" + run, false, Map.of()),
                        "DEPLOYED"));
                long plainUndeploy = timed(() -> engine.undeploy(plainRecord[0].path("id").asText()));

                String design = design("git-bench-" + run, "file://" + repo);
                System.out.println("git first deploy starts at " + java.time.Instant.now());
                JsonNode[] gitRecord = new JsonNode[1];
                long first = timed(() -> gitRecord[0] = expect(engine.deploy(design, "git-bench", false, Map.of()), "DEPLOYED"));
                List<Integer> changed = changeTenConfigMaps(repo, documents);
                commit(repo, "B: 10 files changed");
                long redeploy = timed(() -> expect(engine.deploy(design, "git-bench", false, Map.of()), "DEPLOYED"));
                String gitId = gitRecord[0].path("id").asText();
                long unchanged = timed(() -> expect(engine.deploy(design, "git-bench", false, Map.of()), "DEPLOYED"));
                long gitUndeploy = timed(() -> engine.undeploy(gitId));


                System.out.println();
                System.out.printf(Locale.ROOT, "| operation | wall time | ratio | target |%n|---|---|---|---|%n");
                System.out.printf(Locale.ROOT, "| Git part, first deploy (%d manifests) | %.1f s | %.2f× plain | ≤ 1.1× |%n",
                        documents.size(), first / 1e3, first / (double) plain);
                System.out.printf(Locale.ROOT, "| Git part, redeploy after a commit changing %d files | %.1f s | %.2f× first | ≤ 0.2× |%n",
                        changed.size(), redeploy / 1e3, redeploy / (double) first);
                System.out.printf(Locale.ROOT, "| Git part, redeploy of the same commit | %.1f s | %.2f× first | |%n",
                        unchanged / 1e3, unchanged / (double) first);
                System.out.printf(Locale.ROOT, "| plain manifest design, first deploy (same files) | %.1f s | 1 | |%n", plain / 1e3);
                System.out.printf(Locale.ROOT, "| undeploy: Git part / plain design | %.1f s / %.1f s | | |%n",
                        gitUndeploy / 1e3, plainUndeploy / 1e3);
            }
        }
    }

    /** A small Git part and a small plain design, deployed and undeployed, so that neither measured run pays the JIT. */
    private static void warmUp(EngineProcess engine, Path work, String run) throws IOException, InterruptedException {
        Path repo = Files.createDirectories(work.resolve("warm-up"));
        git(repo, "init", "-q", "-b", "main");
        List<String> documents = new ArrayList<>();
        documents.add("apiVersion: v1\nkind: Namespace\nmetadata: {name: wu" + run + "}\n");
        for (int i = 0; i < 50; i++) {
            documents.add("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: warm-" + i + ", namespace: wu" + run + "}\n");
        }
        for (int i = 0; i < documents.size(); i++) {
            Files.writeString(repo.resolve(String.format(Locale.ROOT, "m/%04d.yaml", i)), documents.get(i));
        }
        commit(repo, "warm-up");
        JsonNode git = expect(engine.deploy(design("warm-up-git-" + run, "file://" + repo), "warm-up-git", false, Map.of()), "DEPLOYED");
        engine.undeploy(git.path("id").asText());
        JsonNode plain = expect(engine.deploy(BenchmarkObjects.yaml(documents), "warm-up-plain-" + run, false, Map.of()), "DEPLOYED");
        engine.undeploy(plain.path("id").asText());
    }

    /** The benchmark's objects, every custom resource after its CRD (files are read in path order). */
    private static List<String> documents(String prefix) {
        List<String> documents = new ArrayList<>(BenchmarkObjects.core(prefix));
        documents.addAll(BenchmarkObjects.customResources(prefix));
        return documents;
    }

    /** Rewrites ten config map files with new data; answers their indexes. */
    private static List<Integer> changeTenConfigMaps(Path repo, List<String> documents) throws IOException {
        List<Integer> changed = new ArrayList<>();
        for (int i = 0; i < documents.size() && changed.size() < 10; i++) {
            if (documents.get(i).contains("kind: ConfigMap")) {
                Path file = repo.resolve(String.format(Locale.ROOT, "m/%04d.yaml", i));
                Files.writeString(file, documents.get(i).replace("payload: \"", "payload: \"changed-"));
                changed.add(i);
            }
        }
        return changed;
    }

    private static String design(String name, String url) {
        return """
                schemaVersion: designs.meshery.io/v1beta1
                name: NAME
                version: 0.0.1
                components:
                  - id: repo
                    displayName: manifests
                    component: {kind: Repository, version: git.meshwright.io/v1}
                    model: {name: git, version: v1.0.0}
                    metadata: {source: {type: git, location: "URL", ref: main, path: m}}
                    configuration: {}
                relationships: []
                """.replace("NAME", name).replace("URL", url);
    }

    private static JsonNode expect(JsonNode deployment, String state) {
        if (!state.equals(deployment.path("state").asText())) {
            throw new IllegalStateException("expected " + state + ": " + deployment);
        }
        return deployment;
    }

    private interface Step {
        void run() throws Exception;
    }

    private static long timed(Step step) throws Exception {
        long start = System.nanoTime();
        step.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void commit(Path repo, String message) throws IOException, InterruptedException {
        git(repo, "add", "-A");
        git(repo, "-c", "user.name=bench", "-c", "user.email=bench@meshwright.invalid", "commit", "-q", "-m", message);
    }

    private static void git(Path repo, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        Files.createDirectories(repo.resolve("m"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }
}
