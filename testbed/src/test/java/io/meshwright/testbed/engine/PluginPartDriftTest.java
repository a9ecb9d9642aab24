package io.meshwright.testbed.engine;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drift of a part a plugin renders from its source (the sample plugin's jar in a real engine's plugin folder, on the
 * local control plane): such a part is not skipped; its recorded objects are judged by presence, so one deleted
 * outside Meshwright is MISSING and moves the deployment to DRIFTED, and reconcile puts it back.
 */
@RealCluster
class PluginPartDriftTest {

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void anObjectOfAPluginPartDeletedOutsideMeshwrightIsMissing(ClusterHandle cluster) throws Exception {
        String namespace = cluster.createNamespace("plugin-drift");
        Files.createDirectories(dataDir.resolve("plugins"));
        Files.copy(sampleJar(), dataDir.resolve("plugins").resolve("sample.jar"));
        EngineConfig config = new EngineConfig("127.0.0.1", 0, 0, dataDir, Optional.empty(),
                Optional.of(cluster.kubeconfig()), Optional.empty(), WaitPolicy.APPLIED, Duration.ofMinutes(2));
        try (Engine engine = Engine.start(config, Clock.systemUTC())) {
            HttpResponse<String> deployed = send(engine, "POST", "/api/deployments?name=plugin-drift-" + namespace,
                    design(namespace));
            JsonNode deployment = json.readTree(deployed.body());
            assertThat(deployment.path("state").asText()).as(deployed.body()).isEqualTo("DEPLOYED");
            String id = deployment.path("id").asText();

            JsonNode clean = diff(engine, id);
            assertThat(clean.path("drifted").asBoolean()).as(clean.toString()).isFalse();
            assertThat(clean.path("skipped")).as("a plugin part is judged, not skipped").isEmpty();
            assertThat(clean.path("objects")).singleElement().satisfies(o -> {
                assertThat(o.path("object").asText()).contains("ConfigMap/" + namespace + "/sample-first");
                assertThat(o.path("verdict").asText()).isEqualTo("IN_SYNC");
                assertThat(o.path("message").asText()).contains("fields not compared").contains("sample plugin");
            });

            cluster.client().configMaps().inNamespace(namespace).withName("sample-first").delete();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    cluster.client().configMaps().inNamespace(namespace).withName("sample-first").get() == null);

            JsonNode drifted = diff(engine, id);
            assertThat(drifted.path("drifted").asBoolean()).as(drifted.toString()).isTrue();
            assertThat(drifted.path("objects")).singleElement().satisfies(o -> {
                assertThat(o.path("verdict").asText()).isEqualTo("MISSING");
                assertThat(o.path("message").asText()).contains("deleted outside Meshwright");
            });
            assertThat(drifted.path("deployment").path("state").asText()).isEqualTo("DRIFTED");

            HttpResponse<String> reconciled = send(engine, "POST", "/api/deployments/" + id + "/reconcile", null);
            assertThat(reconciled.statusCode()).as(reconciled.body()).isEqualTo(200);
            assertThat(cluster.client().configMaps().inNamespace(namespace).withName("sample-first").get()).isNotNull();
            assertThat(diff(engine, id).path("drifted").asBoolean()).isFalse();
        }
    }

    private JsonNode diff(Engine engine, String id) throws Exception {
        HttpResponse<String> response = send(engine, "GET", "/api/deployments/" + id + "/diff", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> send(Engine engine, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(engine.httpUrl() + path))
                .header("Authorization", "Bearer " + engine.token())
                .header("Content-Type", "application/yaml")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String design(String namespace) {
        return """
                schemaVersion: designs.meshery.io/v1beta1
                id: 5b1c3f0e-0000-4000-8000-0000000d21f7
                name: plugin-drift
                version: 0.0.1
                components:
                  - id: 5b1c3f0e-0000-4000-8000-000000000011
                    displayName: first
                    component: {kind: SampleThing, version: sample.meshwright.io/v1}
                    model: {name: sample, version: v1.0.0}
                    metadata: {source: {type: sample}}
                    configuration: {metadata: {namespace: NS}, color: blue}
                """.replace("NS", namespace);
    }

    private static Path sampleJar() {
        String property = System.getProperty("meshwright.samplePlugin.jar");
        Path jar = property == null ? null : Path.of(property);
        Assumptions.assumeTrue(jar != null && Files.isRegularFile(jar),
                "the sample plugin jar is built in the package phase: run 'mvn verify' (not 'mvn test') from the root");
        return jar;
    }
}
