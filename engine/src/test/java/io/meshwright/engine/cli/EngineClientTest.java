package io.meshwright.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwright.engine.api.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineClientTest {

    @TempDir
    Path pluginsDir;

    private TestServer api;

    @BeforeEach
    void start() {
        api = new TestServer(pluginsDir);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void followHandsOverEachServerSentEventUntilTheHandlerIsDone() {
        EngineClient client = new EngineClient(api.url(), TestServer.TOKEN);
        List<JsonNode> seen = new CopyOnWriteArrayList<>();
        AtomicBoolean publishing = new AtomicBoolean(true);
        Thread.ofVirtual().start(() -> {
            // Publish until the client has subscribed and seen the last event; the stream only carries what comes after.
            while (publishing.get()) {
                api.events.info("deployment.state", "web@test", "APPLYING");
                api.events.info("deployment.state", "web@test", "DEPLOYED");
                java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
            }
        });

        client.follow("/api/deployments/web@test/events", event -> {
            seen.add(event);
            return !event.path("message").asText().equals("DEPLOYED");
        });
        publishing.set(false);

        assertThat(seen.getLast().path("message").asText()).isEqualTo("DEPLOYED");
        assertThat(seen).allSatisfy(event -> assertThat(event.path("subject").asText()).isEqualTo("web@test"));
    }

    @Test
    void queryLeavesOutAbsentValuesAndEncodesTheRest() {
        Map<String, Object> query = new java.util.LinkedHashMap<>();
        query.put("q", "cert manager");
        query.put("model", null);
        query.put("limit", 5);

        assertThat(EngineClient.withQuery("/api/models", query)).isEqualTo("/api/models?q=cert+manager&limit=5");
        assertThat(ModelRefs.path("cert-manager@v1.17.2")).isEqualTo("/api/models/cert-manager/v1.17.2");
        assertThat(ModelRefs.path("cert-manager")).isEqualTo("/api/models/cert-manager");
    }

    @Test
    void errorAnswersCarryTheProblemDocument() {
        EngineClient client = new EngineClient(api.url(), "wrong");

        assertThatThrownBy(() -> client.get("/api/plugins")).isInstanceOfSatisfying(EngineCallException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.problem().path("title").asText()).isEqualTo("Unauthorized");
        });
    }
}
