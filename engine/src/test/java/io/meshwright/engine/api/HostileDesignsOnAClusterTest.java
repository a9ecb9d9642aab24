package io.meshwright.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwright.engine.Engine;
import io.meshwright.engine.EngineConfig;
import io.meshwright.engine.lifecycle.WaitPolicy;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile designs that need a cluster to judge (which kinds exist, what the plan is), against a real engine on
 * loopback and the local control plane: each is answered with a located problem, and nothing is stored or applied.
 */
@RealCluster
class HostileDesignsOnAClusterTest {

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void unknownKindsAndCyclicDependsOnAreLocatedProblemsAndNothingIsStored(ClusterHandle cluster) throws Exception {
        String namespace = cluster.createNamespace("hostile");
        String unknown = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: fine, namespace: NS}
                ---
                apiVersion: frobnicate.example.com/v1
                kind: Frobnicator
                metadata: {name: nope, namespace: NS}
                """.replace("NS", namespace);
        String cyclic = """
                schemaVersion: designs.meshery.io/v1beta1
                name: cyclic
                components:
                  - id: a
                    displayName: a
                    component: {kind: ConfigMap, version: v1}
                    model: {name: kubernetes}
                    configuration: {metadata: {name: a, namespace: NS}}
                    metadata: {dependsOn: [b]}
                  - id: b
                    displayName: b
                    component: {kind: ConfigMap, version: v1}
                    model: {name: kubernetes}
                    configuration: {metadata: {name: b, namespace: NS}}
                    metadata: {dependsOn: [a]}
                """.replace("NS", namespace);
        EngineConfig config = new EngineConfig("127.0.0.1", 0, 0, dataDir, Optional.empty(), Optional.of(cluster.kubeconfig()),
                Optional.empty(), WaitPolicy.APPLIED, Duration.ofMinutes(1));
        try (Engine engine = Engine.start(config, Clock.systemUTC())) {
            JsonNode unknownAnswer = json.readTree(post(engine, "/api/designs/validate?source=/work/unknown.yaml", unknown).body());
            JsonNode cyclicAnswer = json.readTree(post(engine, "/api/designs/plan?source=/work/cyclic.yaml", cyclic).body());

            assertThat(unknownAnswer.path("valid").asBoolean()).as(unknownAnswer.toString()).isFalse();
            assertThat(unknownAnswer.path("problems").toString()).contains("Frobnicator");
            assertThat(errors(unknownAnswer)).allSatisfy(p -> assertThat(p.path("location").path("line").asInt()).isEqualTo(5));
            assertThat(cyclicAnswer.path("valid").asBoolean()).as(cyclicAnswer.toString()).isFalse();
            assertThat(cyclicAnswer.path("problems").toString()).contains("plan.cycle").contains("/a] -> [").contains("/b] -> [");
            assertThat(get(engine, "/api/designs").path("items")).isEmpty();
            assertThat(get(engine, "/api/deployments").path("items")).isEmpty();
            assertThat(cluster.client().configMaps().inNamespace(namespace).withName("fine").get()).isNull();
            assertThat(cluster.client().configMaps().inNamespace(namespace).withName("a").get()).isNull();
        }
    }

    private static java.util.List<JsonNode> errors(JsonNode answer) {
        java.util.List<JsonNode> errors = new java.util.ArrayList<>();
        answer.path("problems").forEach(p -> {
            if ("ERROR".equals(p.path("severity").asText())) {
                errors.add(p);
            }
        });
        assertThat(errors).isNotEmpty();
        return errors;
    }

    private HttpResponse<String> post(Engine engine, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(engine.httpUrl() + path)).header("Authorization", "Bearer " + engine.token())
                .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(Engine engine, String path) throws Exception {
        return json.readTree(http.send(HttpRequest.newBuilder(URI.create(engine.httpUrl() + path))
                .header("Authorization", "Bearer " + engine.token()).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
    }
}
