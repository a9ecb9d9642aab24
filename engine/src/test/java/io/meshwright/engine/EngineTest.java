package io.meshwright.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void aSecondEngineOnTheSameDataDirectoryIsRefusedNamingIt() {
        try (Engine engine = Engine.start(EngineConfig.defaults(dataDir).withPorts(0, 0), Clock.systemUTC())) {
            assertThatThrownBy(() -> Engine.start(EngineConfig.defaults(dataDir).withPorts(0, 0), Clock.systemUTC()))
                    .isInstanceOf(io.meshwright.engine.store.DataDirectoryLock.DataDirectoryInUseException.class)
                    .hasMessageContaining("the data directory " + dataDir + " is in use by another engine (process "
                            + ProcessHandle.current().pid() + ")")
                    .hasMessageContaining("--data-dir");
            assertThat(engine.token()).as("the first engine goes on").isNotEmpty();
        }
        // Closed, the directory is free again.
        try (Engine again = Engine.start(EngineConfig.defaults(dataDir).withPorts(0, 0), Clock.systemUTC())) {
            assertThat(again.httpPort()).isPositive();
        }
    }

    @Test
    void aPortInUseStopsTheStartWithWhatToDo(@org.junit.jupiter.api.io.TempDir Path other) throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> Engine.start(EngineConfig.defaults(other).withPorts(port, 0), Clock.systemUTC()))
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + port + " (HTTP, --port)")
                    .hasMessageContaining("in use");
        }
        // Nothing of the failed start holds the data directory.
        try (Engine engine = Engine.start(EngineConfig.defaults(other).withPorts(0, 0), Clock.systemUTC())) {
            assertThat(engine.httpPort()).isPositive();
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
