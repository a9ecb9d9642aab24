package io.meshwright.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwright.engine.api.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meshwright plugins …} against a real engine API on loopback. */
class PluginsCommandTest {

    @TempDir
    Path pluginsDir;

    @TempDir
    Path home;

    private TestServer api;
    private Map<String, String> env;

    @BeforeEach
    void start() {
        api = new TestServer(pluginsDir);
        env = Map.of("MESHWRIGHT_SERVER", api.url(), "MESHWRIGHT_TOKEN", TestServer.TOKEN);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void listShowsATableHeaderEvenWithNoPlugins() {
        CliTestSupport.Run run = CliTestSupport.run(env, home, "plugins", "list");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().toList()).containsExactly("ID   VERSION   STATUS   EXTENSIONS   FAILURE");
    }

    @Test
    void reloadReportsABrokenJarWithItsCause() throws Exception {
        Files.writeString(api.pluginsDir.resolve("broken.jar"), "not a zip");

        CliTestSupport.Run run = CliTestSupport.run(env, home, "plugins", "reload");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("broken.jar").contains("FAILED").contains("cannot load");
    }

    @Test
    void jsonOutputIsTheEngineAnswer() {
        CliTestSupport.Run run = CliTestSupport.run(env, home, "plugins", "list", "-o", "json");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("\"items\" : [ ]").contains("\"roots\"");
    }

    @Test
    void wrongTokenIsReportedReadablyWithExitCodeFiveAndNoStackTrace() {
        CliTestSupport.Run run = CliTestSupport.run(Map.of("MESHWRIGHT_SERVER", api.url(), "MESHWRIGHT_TOKEN", "wrong"),
                home, "plugins", "list");

        assertThat(run.exitCode()).isEqualTo(ErrorReporter.UNAUTHORIZED);
        assertThat(run.err()).startsWith("Error: Unauthorized: this call needs 'Authorization: Bearer <token>'")
                .doesNotContain("\tat ");
    }

    @Test
    void debugAddsTheStackTrace() {
        CliTestSupport.Run run = CliTestSupport.run(Map.of("MESHWRIGHT_SERVER", api.url(), "MESHWRIGHT_TOKEN", "wrong"),
                home, "plugins", "list", "--debug");

        assertThat(run.exitCode()).isEqualTo(ErrorReporter.UNAUTHORIZED);
        assertThat(run.err()).contains("\tat ");
    }

    @Test
    void tokenIsReadFromTheDataDirectoryWhenNotInTheEnvironment() throws Exception {
        Path dataDir = Files.createDirectories(home.resolve("data"));
        Files.writeString(dataDir.resolve("token"), TestServer.TOKEN + "\n");

        CliTestSupport.Run run = CliTestSupport.run(Map.of(), home, "plugins", "list", "--server", api.url(), "--data-dir", dataDir.toString());

        assertThat(run.exitCode()).isZero();
    }

    @Test
    void noEngineAtTheAddressIsExitCodeEightWithAHint() {
        CliTestSupport.Run run = CliTestSupport.run(Map.of("MESHWRIGHT_TOKEN", "t"), home, "plugins", "list", "--server", "http://127.0.0.1:1");

        assertThat(run.exitCode()).isEqualTo(ErrorReporter.UNREACHABLE);
        assertThat(run.err()).contains("no engine answers at http://127.0.0.1:1").contains("meshwright serve");
    }

    @Test
    void missingTokenSaysWhereItWasLookedFor() {
        CliTestSupport.Run run = CliTestSupport.run(Map.of(), home, "plugins", "list", "--server", api.url());

        assertThat(run.exitCode()).isEqualTo(ErrorReporter.INVALID);
        assertThat(run.err()).contains("no API token").contains(home.resolve(".meshwright").resolve("token").toString());
    }
}
