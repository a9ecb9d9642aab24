package io.meshwright.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry's HTTP routes over a real registry in a temporary store. */
class RegistryServiceTest {

    @TempDir
    Path dir;

    private TestServer api;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() {
        api = new TestServer(dir);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void importOfTheExamplesStoresThemAndCountsTheImport() throws Exception {
        JsonNode report = call("POST", "/api/registry/import", "{\"examples\": true}", 200);

        assertThat(report.path("created").size()).isPositive();
        assertThat(report.path("rejected").size()).isZero();
        assertThat(api.get("/metrics", TestServer.TOKEN).body()).contains("meshwright_registry_imports_total{outcome=\"clean\"} 1");
        JsonNode again = call("POST", "/api/registry/import", "{\"examples\": true}", 200);
        assertThat(again.path("created").size()).isZero();
        assertThat(again.path("unchanged").size()).isEqualTo(report.path("created").size());
    }

    @Test
    void dryRunStoresNothing() throws Exception {
        call("POST", "/api/registry/import?dryRun=true", "{\"examples\": true}", 200);

        assertThat(call("GET", "/api/models", null, 200).path("total").asInt()).isZero();
    }

    @Test
    void rawUploadWithASyntaxErrorIsRejectedWithLineAndColumn() throws Exception {
        JsonNode report = call("POST", "/api/registry/import?filename=model.json", "{\n  \"name\": \"x\",\n  oops\n}", 200);

        assertThat(report.path("rejected")).singleElement().satisfies(rejection -> {
            JsonNode where = rejection.path("problems").get(0).path("location");
            assertThat(where.path("line").asInt()).isEqualTo(3);
            assertThat(where.path("column").asInt()).isPositive();
        });
    }

    @Test
    void listSearchViewStatusAndDeleteOfAModel() throws Exception {
        call("POST", "/api/registry/import", "{\"examples\": true}", 200);

        JsonNode models = call("GET", "/api/models?q=kube", null, 200);
        assertThat(models.path("items")).extracting(m -> m.path("name").asText()).containsExactly("kubernetes");
        JsonNode detail = call("GET", "/api/models/kubernetes", null, 200);
        assertThat(detail.path("summary").path("upstreamVersion").asText()).isEqualTo("v1.30.0");
        assertThat(detail.path("document").isObject()).isTrue();
        assertThat(call("GET", "/api/components?kind=Deployment&model=kubernetes", null, 200).path("items"))
                .singleElement().satisfies(c -> assertThat(c.path("apiVersion").asText()).isEqualTo("apps/v1"));

        JsonNode ignored = call("PATCH", "/api/models/kubernetes/v1.30.0", "{\"status\": \"ignored\"}", 200);
        assertThat(ignored.path("status").asText()).isEqualTo("IGNORED");
        JsonNode deleted = call("DELETE", "/api/models/kubernetes", null, 200);
        assertThat(deleted.path("components").asInt()).isPositive();
        JsonNode missing = call("GET", "/api/models/kubernetes", null, 404);
        assertThat(missing.path("detail").asText()).contains("kubernetes");
    }

    @Test
    void badQueryParameterIsABadRequestNamingIt() throws Exception {
        JsonNode problem = call("GET", "/api/models?status=maybe", null, 400);

        assertThat(problem.path("problems").get(0).path("location").path("field").asText()).isEqualTo("status");
        assertThat(problem.path("detail").asText()).contains("expected enabled or ignored, but was 'maybe'");
    }

    @Test
    void exportOfAnUnknownModelIsNotFoundAndOfAKnownOneIsAGzipAttachment() throws Exception {
        call("POST", "/api/registry/import", "{\"examples\": true}", 200);
        assertThat(call("GET", "/api/models/nope/v1/export", null, 404).path("status").asInt()).isEqualTo(404);

        HttpResponse<byte[]> export = http.send(HttpRequest.newBuilder(URI.create(api.url() + "/api/models/kubernetes/v1.30.0/export?format=tar.gz"))
                .header("Authorization", "Bearer " + TestServer.TOKEN).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Disposition").orElseThrow()).contains("kubernetes-v1.30.0.tar.gz");
        assertThat(export.body()).startsWith((byte) 0x1f, (byte) 0x8b);
    }

    private JsonNode call(String method, String path, String body, int expectedStatus) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.url() + path))
                .header("Authorization", "Bearer " + TestServer.TOKEN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && !path.contains("filename=")) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return json.readTree(response.body());
    }
}
