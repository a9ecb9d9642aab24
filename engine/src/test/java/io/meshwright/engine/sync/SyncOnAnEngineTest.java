package io.meshwright.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwright.engine.Engine;
import io.meshwright.engine.EngineConfig;
import io.meshwright.engine.lifecycle.WaitPolicy;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync inside a real engine on loopback against the local control plane, through its HTTP API: what was there
 * before is brownfield, what a deployment made is greenfield with its id, filters and pages, Secret data never in an
 * answer, a custom resource kind DISCOVERED until {@code model generate --from discovered}, and an engine whose
 * cluster does not answer starts anyway and says so in {@code /health}.
 */
@RealCluster
class SyncOnAnEngineTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void brownfieldFoundAtStartAndGreenfieldClassifiedWithItsDeployment(ClusterHandle cluster) throws Exception {
        String namespace = cluster.createNamespace("sync-origin");
        cluster.client().configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata().withName("found")
                .endMetadata().build()).create();
        String design = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: made, namespace: NS}
                data: {k: v}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: NS}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: web, image: nginx}]}
                """.replace("NS", namespace);
        try (Engine engine = Engine.start(config(cluster.kubeconfig()), Clock.systemUTC())) {
            JsonNode found = await().atMost(PATIENCE).until(() -> object(engine, namespace, "ConfigMap", "found"), Optional::isPresent).get();
            assertThat(found.path("origin").asText()).isEqualTo("BROWNFIELD");
            assertThat(found.path("deploymentId").isNull()).isTrue();
            assertThat(found.path("cluster").asText()).isEqualTo("local");
            assertThat(found.path("state").asText()).isEqualTo("DISCOVERED"); // an empty registry knows no ConfigMap

            JsonNode deployed = json.readTree(send(engine, "POST", "/api/deployments?name=sync-origin", design).body());
            String id = deployed.path("id").asText();
            assertThat(deployed.path("state").asText()).as(deployed.toString()).isEqualTo("DEPLOYED");

            await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
                JsonNode made = object(engine, namespace, "ConfigMap", "made").orElseThrow();
                assertThat(made.path("origin").asText()).isEqualTo("GREENFIELD");
                assertThat(made.path("deploymentId").asText()).isEqualTo(id);
                assertThat(made.path("health").path("status").asText()).isEqualTo("HEALTHY");
                JsonNode web = object(engine, namespace, "Deployment", "web").orElseThrow();
                assertThat(web.path("deploymentId").asText()).isEqualTo(id);
                // The local control plane runs no pods: the rollout waits, by the deploy's own readiness rule.
                assertThat(web.path("health").path("status").asText()).isEqualTo("PROGRESSING");
                assertThat(web.path("health").path("reason").asText()).startsWith("waiting for");
            });
            JsonNode held = get(engine, "/api/cluster/objects?deployment=" + id);
            assertThat(names(held)).contains("made", "web").doesNotContain("found");
            JsonNode health = get(engine, "/api/cluster/deployments/" + id + "/health");
            assertThat(health.path("status").asText()).isEqualTo("PROGRESSING");
            assertThat(health.path("objects").asInt()).isGreaterThanOrEqualTo(2);
            JsonNode brownfield = get(engine, "/api/cluster/objects?origin=brownfield&namespace=" + namespace);
            assertThat(names(brownfield)).contains("found").doesNotContain("made", "web");

            send(engine, "DELETE", "/api/deployments/" + id, null);
            await().atMost(PATIENCE).until(() -> object(engine, namespace, "ConfigMap", "made").isEmpty());
        }
    }

    @Test
    void objectsAreFilteredAndPagedAndBadParametersAreProblems(ClusterHandle cluster) throws Exception {
        String namespace = cluster.createNamespace("sync-pages");
        Set<String> made = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            cluster.client().configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata()
                    .withName("page-" + i).endMetadata().build()).create();
            made.add("page-" + i);
        }
        try (Engine engine = Engine.start(config(cluster.kubeconfig()), Clock.systemUTC())) {
            String filter = "/api/cluster/objects?cluster=local&kind=configmap&namespace=" + namespace + "&state=discovered";
            await().atMost(PATIENCE).until(() -> names(get(engine, filter + "&limit=1000")).containsAll(made));

            List<String> paged = new ArrayList<>();
            JsonNode page = get(engine, filter + "&limit=3");
            long total = page.path("total").asLong();
            int pages = 1;
            paged.addAll(names(page));
            while (!page.path("continue").isNull()) {
                assertThat(page.path("items").size()).isEqualTo(3);
                page = get(engine, filter + "&limit=3&continue=" + URLEncoder.encode(page.path("continue").asText(), StandardCharsets.UTF_8));
                paged.addAll(names(page));
                pages++;
            }
            assertThat(paged).doesNotHaveDuplicates().containsAll(made).hasSize((int) total);
            assertThat(pages).isEqualTo((int) Math.ceil(total / 3.0));
            assertThat(names(get(engine, "/api/cluster/objects?kind=Deployment.apps&namespace=" + namespace))).isEmpty();

            HttpResponse<String> badState = send(engine, "GET", "/api/cluster/objects?state=sleepy", null);
            assertThat(badState.statusCode()).isEqualTo(400);
            assertThat(badState.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
            assertThat(badState.body()).contains("state").contains("sleepy").contains("discovered");
            assertThat(send(engine, "GET", "/api/cluster/objects?continue=%25%25nope", null).statusCode()).isEqualTo(400);
            assertThat(send(engine, "GET", "/api/cluster/objects?limit=0", null).body()).contains("limit");
            HttpResponse<String> unknown = send(engine, "GET", "/api/cluster/deployments/no-such-deployment/health", null);
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("no deployment with id no-such-deployment");

            await().atMost(PATIENCE).untilAsserted(() -> {
                JsonNode sync = get(engine, "/health").path("sync");
                assertThat(sync.path("state").asText()).isEqualTo("WATCHING");
                assertThat(sync.path("informers").asInt()).isPositive();
                assertThat(sync.path("synced").asBoolean()).isTrue();
                assertThat(sync.path("problem").isNull()).as(sync.toString()).isTrue();
            });
            String metrics = send(engine, "GET", "/metrics", null).body();
            assertThat(metrics).contains("meshwright_sync_objects ").contains("meshwright_sync_informers ");
        }
    }

    @Test
    void aSecretsDataIsNeverInTheAnswer(ClusterHandle cluster) throws Exception {
        String namespace = cluster.createNamespace("sync-secret");
        String value = "s3cr3t-engine-value";
        try (Engine engine = Engine.start(config(cluster.kubeconfig()), Clock.systemUTC())) {
            cluster.client().secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName("pw")
                    .addToLabels("app", "sync").endMetadata().addToStringData("password", value).build()).create();
            await().atMost(PATIENCE).until(() -> object(engine, namespace, "Secret", "pw"), Optional::isPresent);
            String answer = send(engine, "GET", "/api/cluster/objects?kind=Secret&namespace=" + namespace, null).body();
            assertThat(answer).contains("\"pw\"").contains("\"app\":\"sync\"")
                    .doesNotContain(value).doesNotContain(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void aCustomKindIsDiscoveredUntilModelsAreGeneratedFromWhatWasDiscovered(ClusterHandle cluster) throws Exception {
        String namespace = cluster.createNamespace("sync-crd");
        KubernetesClient client = cluster.client();
        String group = "e" + Long.toHexString(System.nanoTime()) + ".syncwatch.example.com";
        try (Engine engine = Engine.start(config(cluster.kubeconfig()), Clock.systemUTC())) {
            await().atMost(PATIENCE).until(() -> get(engine, "/health").path("sync").path("state").asText().equals("WATCHING"));
            client.resource(ClusterWatchTestFixtures.crd(group)).create();
            try {
                await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> client.genericKubernetesResources(group + "/v1", "Gizmo")
                        .inNamespace(namespace).resource(ClusterWatchTestFixtures.gizmo(group, "g1")).create());
                JsonNode gizmo = await().atMost(PATIENCE).until(() -> object(engine, namespace, "Gizmo", "g1"), Optional::isPresent).get();
                assertThat(gizmo.path("state").asText()).isEqualTo("DISCOVERED");

                JsonNode generated = json.readTree(send(engine, "POST", "/api/registry/generate?from=discovered", "").body());
                assertThat(generated.path("status").asText()).as(generated.toString()).isEqualTo("generated");
                assertThat(generated.toString()).contains(group).doesNotContain("\"kubernetes\"");

                await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> assertThat(object(engine, namespace, "Gizmo", "g1").orElseThrow()
                        .path("state").asText()).isIn("REGISTERED", "CONNECTED"));
                assertThat(get(engine, "/api/components?kind=Gizmo").toString()).contains(group);
            } finally {
                client.apiextensions().v1().customResourceDefinitions().withName("gizmos." + group).delete();
            }
        }
    }

    @Test
    void anEngineWhoseClusterDoesNotAnswerStartsAndSaysSoInHealth() throws Exception {
        Path kubeconfig = Files.writeString(dataDir.resolveSibling(dataDir.getFileName() + "-gone.yaml"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: gone, cluster: {server: "https://127.0.0.1:1"}}]
                users: [{name: u, user: {token: t}}]
                contexts: [{name: c, context: {cluster: gone, user: u}}]
                current-context: c
                """);
        try (Engine engine = Engine.start(config(kubeconfig), Clock.systemUTC())) {
            await().atMost(PATIENCE).untilAsserted(() -> {
                JsonNode sync = get(engine, "/health").path("sync");
                assertThat(sync.path("state").asText()).isEqualTo("RETRYING");
                assertThat(sync.path("problem").asText()).isNotBlank();
            });
            assertThat(get(engine, "/api/cluster/objects").path("items")).isEmpty();
        }
        try (Engine engine = Engine.start(config(kubeconfig).withSync(new EngineConfig.SyncSettings(false, "local")), Clock.systemUTC())) {
            assertThat(get(engine, "/health").path("sync").path("state").asText()).isEqualTo("OFF");
        }
    }

    private EngineConfig config(Path kubeconfig) {
        return new EngineConfig("127.0.0.1", 0, 0, dataDir, Optional.empty(), Optional.of(kubeconfig), Optional.empty(),
                WaitPolicy.APPLIED, Duration.ofMinutes(1));
    }

    private Optional<JsonNode> object(Engine engine, String namespace, String kind, String name) throws Exception {
        for (JsonNode item : get(engine, "/api/cluster/objects?limit=1000&kind=" + kind + "&namespace=" + namespace).path("items")) {
            if (item.path("name").asText().equals(name)) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.path("items").forEach(item -> names.add(item.path("name").asText()));
        return names;
    }

    private JsonNode get(Engine engine, String path) throws Exception {
        HttpResponse<String> response = send(engine, "GET", path, null);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> send(Engine engine, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(engine.httpUrl() + path))
                .header("Authorization", "Bearer " + engine.token())
                .header("Content-Type", "application/yaml")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
