package io.meshwright.testbed.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new user's first hour, with the real distribution: {@code meshwright serve} as a child process pointed at a
 * cluster that is not there, and each command a process of its own. No control plane needed: the point is what
 * the user sees when something is wrong.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FirstHourCliTest {

    private static final String CONTEXT = "gone-cluster";

    private Path dir;
    private Distribution distribution;
    private Distribution.Engine engine;
    private Path kubeconfig;

    @BeforeAll
    void startAnEngineWhoseClusterIsNotThere(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        distribution = Distribution.built(dir.resolve("home"));
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: gone
                    cluster: {server: "https://127.0.0.1:PORT", insecure-skip-tls-verify: true}
                users:
                  - name: someone
                    user: {token: not-a-real-token}
                contexts:
                  - name: CONTEXT
                    context: {cluster: gone, user: someone}
                current-context: CONTEXT
                """.replace("PORT", Integer.toString(closedPort)).replace("CONTEXT", CONTEXT));
        // --log-level debug: the engine log then shows that a client leaving an event stream was noticed.
        engine = distribution.serve(dir.resolve("data"), dir.resolve("logs"), "--kubeconfig", kubeconfig.toString(),
                "--log-level", "debug");
    }

    @AfterAll
    void stop() throws Exception {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void withNoReachableClusterValidatePlanAndApplyAnswerUnavailableNamingKubeconfigAndContext() throws Exception {
        Path design = examples().resolve("bookshelf.yaml");
        for (String command : new String[] {"validate", "plan", "apply"}) {
            Distribution.Run run = distribution.cli(engine, "design", command, "-f", design.toString());

            assertThat(run.exitCode()).as("design %s: %s", command, run.err()).isEqualTo(7);
            assertThat(run.err().strip().lines()).as("one line").hasSize(1);
            assertThat(run.err()).startsWith("Error: Cluster unreachable: ")
                    .contains("kubeconfig " + kubeconfig).contains("context " + CONTEXT).containsIgnoringCase("connection refused")
                    .contains("meshwright serve --kubeconfig FILE --context NAME")
                    .doesNotContain("Internal error").doesNotContain("\tat ");
        }
        assertThat(distribution.cli(engine, "deployment", "list", "-o", "json").out())
                .as("an unreachable cluster records no failed deployment").contains("\"items\" : [ ]");
    }

    @Test
    void statusShowsVersionClusterStoreAndPluginsOnOneScreen() throws Exception {
        Distribution.Run table = distribution.cli(engine, "status");

        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out().lines()).hasSize(4);
        assertThat(table.out()).containsPattern("engine +0\\.1\\.0-SNAPSHOT at " + engine.url)
                .containsPattern("cluster +https://127\\.0\\.0\\.1:\\d+ \\(context " + CONTEXT + ", kubeconfig " + kubeconfig
                        + "\\): UNREACHABLE \\((?i:.*connection refused.*)\\)")
                .contains("store     " + engine.dataDir.resolve("meshwright.db")).contains("schema ")
                // The distribution's own plugins (Helm) are counted: all of them started, none failed.
                .containsPattern("plugins +(\\d+) \\(\\1 started, 0 stopped, 0 disabled, 0 failed\\)");

        JsonNode json = new ObjectMapper().readTree(distribution.cli(engine, "status", "-o", "json").out());
        assertThat(json.path("cluster").path("reachable").asBoolean(true)).isFalse();
        assertThat(json.path("cluster").path("context").asText()).isEqualTo(CONTEXT);
        assertThat(json.path("store").path("bytes").asLong()).isPositive();
        assertThat(json.path("store").path("schema").path("registry").asInt()).isPositive();
        assertThat(distribution.cli(engine, "status", "-o", "yaml").out()).contains("reachable: false");
    }

    @Test
    void theBookInfoCatalogDesignsPlanNamesTheBadComponentByFileAndLine() throws Exception {
        Path design = upward("../shared/real-data/meshery-designs/meshery/BookInfoForCatalogIstio.yaml");
        Assumptions.assumeTrue(design != null, "the shared real-data folder (../shared/real-data) is not present");

        Distribution.Run plan = distribution.cli(engine, "design", "plan", "-f", design.toString());

        assertThat(plan.exitCode()).as(plan.err()).isEqualTo(4);
        assertThat(plan.err()).contains("BookInfoForCatalogIstio.yaml:4:5 (services[\"API Service\"])")
                .contains("component API Service").contains("is not a valid APIService name")
                .doesNotContain("Internal error").doesNotContain("Cluster unreachable");
    }

    @Test
    void serveKeepsTheTerminalForItsOwnLinesAndLogsTheRestToItsFile() throws Exception {
        // A client that follows events and goes away, as Ctrl-C on 'meshwright deployment events' does.
        try (Socket client = new Socket("127.0.0.1", Integer.parseInt(engine.url.replaceFirst(".*:", "")))) {
            OutputStream out = client.getOutputStream();
            out.write(("GET /api/deployments/some-id/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                    + "Authorization: Bearer " + Files.readString(engine.dataDir.resolve("token")).strip() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = client.getInputStream();
            byte[] head = new byte[12];
            assertThat(in.readNBytes(head, 0, head.length)).isEqualTo(12);
            assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
        }
        Path log = engine.dataDir.resolve("logs/engine.log");
        // The engine notices at its next heartbeat (15 s) and says so at DEBUG only.
        Awaitility.await("the engine to notice the client left").atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(log).content().contains("event stream client left"));

        String terminal = engine.output();
        assertThat(terminal).contains("meshwright engine listening on").contains("log file " + log);
        assertThat(terminal).doesNotContain("WARNING:").doesNotContain("INFO:").doesNotContain("sun.misc.Unsafe")
                .doesNotContain("org.pf4j").doesNotContain("io.helidon").doesNotContain("event stream failed")
                .doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(Files.readString(log)).doesNotContain("event stream failed").doesNotContain("SEVERE");
    }

    private static Path examples() {
        Path examples = upward("examples/designs");
        assertThat(examples).as("the examples/designs folder of this checkout").isNotNull();
        return examples;
    }

    /** {@code relative} resolved against the working directory or the nearest parent that has it; null if none. */
    private static Path upward(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(relative))) {
                return dir.resolve(relative).normalize();
            }
        }
        return null;
    }
}
