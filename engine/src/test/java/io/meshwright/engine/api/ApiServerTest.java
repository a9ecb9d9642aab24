package io.meshwright.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiServerTest {

    @TempDir
    Path pluginsDir;

    private TestServer api;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() {
        api = new TestServer(pluginsDir);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void healthAnswersWithoutAToken() throws Exception {
        HttpResponse<String> response = api.get("/health", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).path("status").asText()).isEqualTo("UP");
    }

    @Test
    void apiCallWithoutTheTokenIsRefusedWithAProblemDocument() throws Exception {
        HttpResponse<String> missing = api.get("/api/plugins", null);
        HttpResponse<String> wrong = api.get("/api/plugins", "not-the-token");

        for (HttpResponse<String> response : List.of(missing, wrong)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode problem = json.readTree(response.body());
            assertThat(problem.path("status").asInt()).isEqualTo(401);
            assertThat(problem.path("type").asText()).endsWith("/unauthorized");
            assertThat(problem.path("instance").asText()).isEqualTo("/api/plugins");
        }
    }

    @Test
    void metricsNeedTheTokenAndCountRequestsInPrometheusFormat() throws Exception {
        api.get("/health", null);
        api.get("/api/plugins", null);

        assertThat(api.get("/metrics", null).statusCode()).isEqualTo(401);
        HttpResponse<String> metrics = api.get("/metrics", TestServer.TOKEN);

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        assertThat(metrics.body())
                .contains("# TYPE meshwright_http_requests_total counter")
                .contains("meshwright_http_requests_total{method=\"GET\",status=\"200\"} 1")
                .contains("meshwright_http_requests_total{method=\"GET\",status=\"401\"} 2");
    }

    @Test
    void unknownPathIsNotFoundAsAProblemOfTypeHttp() throws Exception {
        HttpResponse<String> response = api.get("/api/nothing-here", TestServer.TOKEN);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(ProblemDetails.MEDIA_TYPE);
        // Type "http" (not "not-found"): that is how OpenApiDocumentTest tells an unrouted path from a missing entity.
        assertThat(json.readTree(response.body()).path("type").asText()).isEqualTo("https://meshwright.io/problems/http");
    }

    @Test
    void pluginsListAndReloadAnswerWithTheFoldersSearched() throws Exception {
        HttpResponse<String> list = api.get("/api/plugins", TestServer.TOKEN);
        HttpResponse<String> reload = api.post("/api/plugins/reload", TestServer.TOKEN);

        for (HttpResponse<String> response : List.of(list, reload)) {
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = json.readTree(response.body());
            assertThat(body.path("items").isArray()).isTrue();
            assertThat(body.path("roots").get(0).asText()).isEqualTo(api.pluginsDir.toString());
        }
    }

    @Test
    void openApiDocumentIsServed() throws Exception {
        HttpResponse<String> response = api.get("/openapi", TestServer.TOKEN);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("openapi: 3.1.0").contains("/api/plugins:");
    }

    @Test
    void deploymentEventsAreStreamedAsServerSentEventsForThatDeploymentOnly() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.url() + "/api/deployments/web@test/events"))
                .header("Authorization", "Bearer " + TestServer.TOKEN).build();
        HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> response.body().forEach(lines::add));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            api.events.info("deployment.state", "other@test", "not this one");
            api.events.info("deployment.state", "web@test", "APPLYING -> DEPLOYED");
            assertThat(lines).anyMatch(line -> line.startsWith("data:") && line.contains("APPLYING -> DEPLOYED"));
        });
        assertThat(lines).contains("event:deployment.state").noneMatch(line -> line.contains("not this one"));
        response.body().close();
        reader.interrupt();
    }
}
