package io.meshwright.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
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
 * Two engines (two data directories) on one cluster deploy designs of the same name, so their deployments share an
 * id and a label: each one's undeploy post-condition counts its own objects and unstamped ones, never the other's.
 */
@RealCluster
class LeftoverScanAcrossEnginesTest {

    @TempDir
    Path dataDirs;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void undeployReportsItsOwnAndUnstampedLeftoversButNotAnotherEnginesObjectsUnderTheSameId(ClusterHandle cluster)
            throws Exception {
        String ns = cluster.createNamespace("two-engines");
        try (Engine a = start(cluster, "a"); Engine b = start(cluster, "b")) {
            JsonNode fromA = deploy(a, ns, "from-a");
            JsonNode fromB = deploy(b, ns, "from-b");
            String id = fromA.path("id").asText();
            assertThat(fromB.path("id").asText()).as("one design name, one cluster: one id").isEqualTo(id);
            assertThat(fromA.path("state").asText()).as(fromA.toString()).isEqualTo("DEPLOYED");
            assertThat(fromB.path("state").asText()).as(fromB.toString()).isEqualTo("DEPLOYED");
            // What an engine from before the stamp (or a hand) left: no engine id, so it may be ours and counts.
            cluster.client().configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("unstamped")
                    .addToLabels("meshwright.io/deployment", id).endMetadata().build()).create();

            JsonNode undeployedA = undeploy(a, id);

            assertThat(undeployedA.path("deployment").path("state").asText()).as(undeployedA.toString())
                    .isEqualTo("UNDEPLOYED_WITH_LEFTOVERS");
            assertThat(undeployedA.path("leftovers")).singleElement()
                    .satisfies(leftover -> assertThat(leftover.toString()).contains("unstamped").doesNotContain("from-b"));
            assertThat(cluster.client().configMaps().inNamespace(ns).withName("from-a").get()).isNull();
            assertThat(cluster.client().configMaps().inNamespace(ns).withName("from-b").get()).as("b's, untouched").isNotNull();

            cluster.client().configMaps().inNamespace(ns).withName("unstamped").delete();
            JsonNode undeployedB = undeploy(b, id);

            assertThat(undeployedB.path("deployment").path("state").asText()).as(undeployedB.toString()).isEqualTo("UNDEPLOYED");
            assertThat(undeployedB.path("summary").asText()).isEqualTo("0 left");
            assertThat(cluster.client().configMaps().inNamespace(ns).withName("from-b").get()).isNull();
        }
    }

    private Engine start(ClusterHandle cluster, String name) {
        return Engine.start(new EngineConfig("127.0.0.1", 0, 0, dataDirs.resolve(name), Optional.empty(),
                Optional.of(cluster.kubeconfig()), Optional.empty(), WaitPolicy.APPLIED, Duration.ofMinutes(1))
                .withSync(new EngineConfig.SyncSettings(false, "local")), Clock.systemUTC());
    }

    private JsonNode deploy(Engine engine, String ns, String configMap) throws Exception {
        String design = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: " + configMap + ", namespace: " + ns + "}\n";
        return send(engine, HttpRequest.newBuilder(URI.create(engine.httpUrl() + "/api/deployments?name=shared"))
                .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(design)));
    }

    private JsonNode undeploy(Engine engine, String id) throws Exception {
        return send(engine, HttpRequest.newBuilder(URI.create(engine.httpUrl() + "/api/deployments/" + id)).DELETE());
    }

    private JsonNode send(Engine engine, HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.header("Authorization", "Bearer " + engine.token()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
