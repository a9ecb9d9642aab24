package io.meshwright.testbed.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwright.engine.Engine;
import io.meshwright.engine.EngineConfig;
import io.meshwright.engine.cli.Cli;
import io.meshwright.engine.cli.CliEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A plugin's model source used like a built-in one: the sample plugin's jar in a real engine's plugin folder, the CLI
 * in-process generating from {@code sample:Widget,Gadget}, honouring the fingerprint, and a schedule that survives
 * an engine restart (the run missed while it was down runs at start).
 */
class ModelSourcesEndToEndTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    @TempDir
    Path dataDir;

    @TempDir
    Path userHome;

    private record Run(int exitCode, String out, String err) {}

    /** The engine's clock, moved by the test while the engine is down. */
    private static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(T0);

        void advance(Duration amount) {
            now.updateAndGet(i -> i.plus(amount));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void aPluginSourceGeneratesHonoursItsFingerprintAndItsScheduleSurvivesARestart() throws Exception {
        Files.createDirectories(dataDir.resolve("plugins"));
        Files.copy(sampleJar(), dataDir.resolve("plugins").resolve("sample.jar"));
        EngineConfig config = EngineConfig.defaults(dataDir).withPorts(0, 0);
        MovableClock clock = new MovableClock();

        try (Engine engine = Engine.start(config, clock)) {
            Map<String, String> env = env(engine);

            Run first = cli(env, "model", "generate", "--from", "sample:Widget,Gadget");
            assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
            assertThat(first.out()).contains("from sample:Widget,Gadget (source sample)").contains("created   component");
            assertThat(cli(env, "component", "list", "--model", "sample").out()).contains("Widget").contains("Gadget");

            Run second = cli(env, "model", "generate", "--from", "sample:Widget,Gadget");
            assertThat(second.out()).isEqualTo("sample:Widget,Gadget (source sample): unchanged since 2026-12-01T00:00:00Z, "
                    + "fingerprint " + fingerprint(first) + ": nothing stored\n");

            Run scheduled = cli(env, "model", "generate", "--from", "sample:Widget,Gadget", "--every", "6h");
            assertThat(scheduled.exitCode()).as(scheduled.out() + scheduled.err()).isZero();
            assertThat(scheduled.out()).contains("scheduled as #1: every 6h, next run at 2026-12-01T06:00:00Z");
        }

        clock.advance(Duration.ofHours(7));
        try (Engine restarted = Engine.start(config, clock)) {
            Map<String, String> env = env(restarted);

            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode schedule = new ObjectMapper().readTree(cli(env, "model", "schedules", "-o", "json").out()).path("items").path(0);
                assertThat(schedule.path("lastRunAt").asText()).isEqualTo("2026-12-01T07:00:00Z");
                assertThat(schedule.path("lastOutcome").asText()).isEqualTo("unchanged");
                assertThat(schedule.path("nextRunAt").asText()).isEqualTo("2026-12-01T13:00:00Z");
            });
            Run listed = cli(env, "model", "schedules");
            assertThat(listed.out()).contains("sample:Widget,Gadget").contains("6h").contains("unchanged since 2026-12-01T00:00:00Z");

            assertThat(cli(env, "model", "schedules", "delete", "1").out()).startsWith("deleted schedule #1 (sample:Widget,Gadget every 6h)");
            assertThat(cli(env, "model", "schedules").out().lines().count()).isEqualTo(1);
        }
    }

    private static String fingerprint(Run run) {
        String marker = "fingerprint ";
        String out = run.out().strip();
        return out.substring(out.lastIndexOf(marker) + marker.length());
    }

    private static Map<String, String> env(Engine engine) {
        return Map.of("MESHWRIGHT_SERVER", engine.httpUrl(), "MESHWRIGHT_TOKEN", engine.token());
    }

    private static Path sampleJar() {
        String property = System.getProperty("meshwright.samplePlugin.jar");
        Path jar = property == null ? null : Path.of(property);
        Assumptions.assumeTrue(jar != null && Files.isRegularFile(jar),
                "the sample plugin jar is built in the package phase: run 'mvn verify' (not 'mvn test') from the root");
        return jar;
    }

    private Run cli(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = Cli.commandLine(new CliEnvironment(env, userHome, Optional.empty()));
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int code = command.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
