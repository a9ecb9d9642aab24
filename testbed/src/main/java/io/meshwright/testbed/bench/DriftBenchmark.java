package io.meshwright.testbed.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.contract.EngineProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Drift on the benchmark's 800 core objects (10 namespaces, a CRD, 400 config maps, 200 secrets, 149 services, 40
 * deployments) deployed by a real engine from the built distribution: {@code GET /diff} with no drift; then 10 config
 * maps patched, 5 deployments scaled and 5 secrets deleted with a plain client (another field manager): how long
 * until the sync's events have moved the deployment to DRIFTED, a diff that finds them, and the reconcile that puts
 * them back.
 *
 * <p>Run: {@code testbed/bench drift [repetitions]} (default 3).
 */
public final class DriftBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DriftBenchmark() {}

    public static void main(String[] args) throws Exception {
        int repetitions = Stream.of(args).filter(a -> a.matches("\\d+")).findFirst().map(Integer::parseInt).orElse(3);
        Path distribution = Path.of("engine/target/meshwright").toAbsolutePath();
        if (!Files.isExecutable(distribution.resolve("bin/meshwright"))) {
            throw new IllegalStateException("no built distribution at " + distribution + " (mvn -pl engine -am package)");
        }
        String prefix = "dr" + Long.toString(System.currentTimeMillis() % 100_000, 36);
        try (ClusterHandle cluster = ClusterHandle.obtain()) {
            Path dataDir = Files.createTempDirectory("meshwright-bench-drift").resolve("engine");
            try (EngineProcess engine = EngineProcess.start(distribution, dataDir, cluster.kubeconfig(), List.of())) {
                Http http = new Http(engine.base(), Files.readString(dataDir.resolve("token")).strip());
                List<String> documents = BenchmarkObjects.core(prefix);
                String id = engine.deploy(BenchmarkObjects.yaml(documents), "bench-" + prefix, false, Map.of()).path("id").asText();
                System.out.printf(Locale.ROOT, "cluster %s, %d objects deployed as %s, load %s%n", cluster.serverVersion(),
                        documents.size(), id, CliDeployBenchmark.load());
                System.out.printf(Locale.ROOT, "%n| run | diff, no drift | change → DRIFTED | diff, 20 drifted | reconcile | load (1 min) |%n"
                        + "|---|---|---|---|---|---|%n");
                for (int run = 1; run <= repetitions; run++) {
                    long clean = http.time("GET", "/api/deployments/" + id + "/diff");
                    long changedAt = System.nanoTime();
                    drift(cluster.client(), prefix, run);
                    while (!engine.deployment(id).path("state").asText().equals("DRIFTED")) {
                        if (System.nanoTime() - changedAt > Duration.ofMinutes(2).toNanos()) {
                            throw new IllegalStateException("not DRIFTED 2 minutes after the changes");
                        }
                        Thread.sleep(50);
                    }
                    long detected = (System.nanoTime() - changedAt) / 1_000_000;
                    long drifted = http.time("GET", "/api/deployments/" + id + "/diff");
                    long reconcile = http.time("POST", "/api/deployments/" + id + "/reconcile");
                    System.out.printf(Locale.ROOT, "| %d | %.2f s | %.2f s | %.2f s | %.2f s | %s |%n", run, clean / 1000.0,
                            detected / 1000.0, drifted / 1000.0, reconcile / 1000.0, CliDeployBenchmark.load());
                }
                engine.undeploy(id);
            }
        }
    }

    /** 10 config maps patched, 5 deployments scaled, 5 secrets deleted: 20 objects, by another field manager. */
    private static void drift(KubernetesClient client, String prefix, int run) {
        for (int i = 0; i < 10; i++) {
            int index = i;
            client.configMaps().inNamespace(BenchmarkObjects.namespace(prefix, i)).withName("config-" + i).edit(map -> {
                map.getData().put("index", "changed-" + run + "-" + index);
                return map;
            });
        }
        for (int i = 0; i < 5; i++) {
            client.apps().deployments().inNamespace(BenchmarkObjects.namespace(prefix, i)).withName("app-" + i)
                    .edit(deployment -> {
                        deployment.getSpec().setReplicas(3);
                        return deployment;
                    });
        }
        for (int i = 0; i < 5; i++) {
            client.secrets().inNamespace(BenchmarkObjects.namespace(prefix, i)).withName("secret-" + i).delete();
        }
    }

    /** Timed calls to the engine's HTTP API. */
    private record Http(URI base, String token) {
        long time(String method, String path) throws Exception {
            long start = System.nanoTime();
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(path))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(10))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode body = JSON.readTree(response.body());
            if (path.endsWith("/reconcile") && !body.path("deployment").path("state").asText().equals("DEPLOYED")) {
                throw new IllegalStateException("reconcile did not end DEPLOYED: " + body.path("summary").asText());
            }
            return millis;
        }
    }
}
