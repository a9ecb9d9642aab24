package io.meshwright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The composition root: an engine starts on free ports with everything wired, and stops cleanly. */
class EngineTest {

    @TempDir
    Path dataDir;

    @Test
    void engineStartsOnFreePortsCreatesItsTokenAndAnswersWithIt() throws Exception {
        try (Engine engine = Engine.start(EngineConfig.defaults(dataDir).withPorts(0, 0), Clock.systemUTC())) {
            assertThat(engine.httpPort()).isPositive();
            assertThat(engine.grpcPort()).isPositive().isNotEqualTo(engine.httpPort());
            assertThat(Files.readString(dataDir.resolve("token")).strip()).isEqualTo(engine.token());
            assertThat(Files.exists(dataDir.resolve("meshwright.db"))).isTrue();

            HttpResponse<String> plugins = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(engine.httpUrl() + "/api/plugins"))
                            .header("Authorization", "Bearer " + engine.token()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(plugins.statusCode()).isEqualTo(200);
            assertThat(plugins.body()).contains(dataDir.resolve("plugins").toString());
        }
    }

    @Test
    void aRestartKeepsTheToken() {
        String first;
        try (Engine engine = Engine.start(EngineConfig.defaults(dataDir).withPorts(0, 0), Clock.systemUTC())) {
            first = engine.token();
        }
        try (Engine engine = Engine.start(EngineConfig.defaults(dataDir).withPorts(0, 0), Clock.systemUTC())) {
            assertThat(engine.token()).isEqualTo(first);
        }
    }
}
