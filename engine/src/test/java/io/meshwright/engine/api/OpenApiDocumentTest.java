package io.meshwright.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI document served at /openapi stays true: every operation it lists is routed. */
class OpenApiDocumentTest {

    private static final List<String> METHODS = List.of("get", "post", "patch", "delete");

    @TempDir
    Path dir;

    private TestServer api;

    @BeforeEach
    void start() {
        api = new TestServer(dir);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void everyDocumentedOperationIsRouted() throws Exception {
        JsonNode document = new ObjectMapper(new YAMLFactory()).readTree(api.get("/openapi", TestServer.TOKEN).body());
        HttpClient http = HttpClient.newHttpClient();
        int checked = 0;
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (String method : METHODS) {
                JsonNode operation = path.getValue().path(method);
                if (operation.isMissingNode() || operation.path("responses").path("200").path("content").has("text/event-stream")) {
                    continue; // streams never end; the SSE route has its own test
                }
                String url = api.url() + path.getKey().replaceAll("\\{[^}]+}", "x");
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + TestServer.TOKEN)
                        .method(method.toUpperCase(), HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                // An unrouted path or method is Helidon's own 404/405, mapped to a problem of type "http"; a route that
                // finds nothing answers type "not-found".
                boolean routed = response.statusCode() != 405
                        && !(response.statusCode() == 404 && response.body().contains("\"https://meshwright.io/problems/http\""));
                assertThat(routed).as("%s %s answered %d: %s", method, path.getKey(), response.statusCode(), response.body()).isTrue();
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(15);
    }
}
