package io.meshwright.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwright.engine.api.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code meshwright model generate --from REF [--every]} and {@code model schedules} in-process against a real engine API
 * on loopback, its store and registry real; the schedules' clock is moved by hand and their runner driven as the
 * engine's ticker drives it.
 */
class ModelGenerateCommandTest {

    @TempDir
    Path dir;

    @TempDir
    Path home;

    private TestServer api;
    private Map<String, String> env;
    private Path models;

    @BeforeEach
    void start() throws Exception {
        api = new TestServer(dir);
        env = Map.of("MESHWRIGHT_SERVER", api.url(), "MESHWRIGHT_TOKEN", TestServer.TOKEN);
        models = home.resolve("example-certs");
        copyFolder(Path.of(ModelGenerateCommandTest.class.getResource("/registry/examples/example-certs").toURI()), models);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private CliTestSupport.Run meshwright(String... args) {
        return CliTestSupport.run(env, home, args);
    }

    @Test
    void aSecondRunOnAnUnchangedSourceStoresNothingAndSaysSinceWhen() throws Exception {
        CliTestSupport.Run first = meshwright("model", "generate", "--from", models.toString());

        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        assertThat(first.out()).contains("created   model").contains("(source package)").contains("0 rejected; fingerprint ");
        assertThat(meshwright("model", "list").out()).contains("example-certs");

        api.clock.advance(Duration.ofMinutes(5));
        CliTestSupport.Run second = meshwright("model", "generate", "--from", models.toString());
        assertThat(second.exitCode()).as(second.out() + second.err()).isZero();
        assertThat(second.out()).startsWith("file:" + models.toRealPath() + " (source package): unchanged since 2026-12-01T00:00:00Z, fingerprint ")
                .endsWith("nothing stored\n");

        Path component = models.resolve("v0.3.0/v1.0.0/components/Issuer.json");
        Files.writeString(component, Files.readString(component).replace("\"Issuer\"", "\"Issuer\" ").replaceFirst("\\{", "{\"description\": \"changed\","));
        CliTestSupport.Run third = meshwright("model", "generate", "--from", models.toString());
        assertThat(third.out()).as("a changed source is registered again").doesNotContain("unchanged since").contains("fingerprint");

        CliTestSupport.Run forced = meshwright("model", "generate", "--from", models.toString(), "--force");
        assertThat(forced.out()).as("--force ignores the stored fingerprint").doesNotContain("unchanged since")
                .contains("0 created, 0 updated");
    }

    @Test
    void aSourceNoInstalledSourceReadsIsRefusedNamingWhatIsInstalled() {
        CliTestSupport.Run helm = meshwright("model", "generate", "--from", "helm:https://charts.jetstack.io/cert-manager");
        CliTestSupport.Run missing = meshwright("model", "generate", "--from", home.resolve("nothing-here").toString());

        assertThat(helm.exitCode()).isEqualTo(ErrorReporter.INVALID);
        assertThat(helm.err()).contains("no installed model source reads 'helm:https://charts.jetstack.io/cert-manager'")
                .contains("package (built-in)").contains("cluster (built-in)");
        assertThat(missing.exitCode()).isEqualTo(ErrorReporter.INVALID);
        assertThat(missing.err()).contains("nothing at " + home.resolve("nothing-here")).contains("no such file or directory");
    }

    @Test
    void aScheduleRunsWhenDueListsLastAndNextRunAndCanBeRemoved() {
        CliTestSupport.Run created = meshwright("model", "generate", "--from", models.toString(), "--every", "6h");

        assertThat(created.exitCode()).as(created.out() + created.err()).isZero();
        assertThat(created.out()).contains("created   model").contains("scheduled as #1: every 6h, next run at 2026-12-01T06:00:00Z");
        String listed = meshwright("model", "schedules").out();
        assertThat(listed.lines().findFirst().orElseThrow()).startsWith("ID").contains("LAST RUN").contains("OUTCOME").contains("NEXT RUN");
        assertThat(listed).contains("6h").contains("2026-12-01T00:00:00Z").contains("generated")
                .contains("2026-12-01T06:00:00Z");

        api.clock.advance(Duration.ofHours(5));
        assertThat(api.modelGeneration.schedules().runDue()).as("not due yet").isEmpty();
        api.clock.advance(Duration.ofHours(1));
        assertThat(api.modelGeneration.schedules().runDue()).hasSize(1);

        String afterRun = meshwright("model", "schedules").out();
        assertThat(afterRun).contains("2026-12-01T06:00:00Z").contains("unchanged").contains("2026-12-01T12:00:00Z")
                .contains("unchanged since 2026-12-01T00:00:00Z");

        assertThat(meshwright("model", "schedules", "delete", "1").out()).startsWith("deleted schedule #1 (file:");
        assertThat(meshwright("model", "schedules").out().lines().count()).as("only the header is left").isEqualTo(1);
        CliTestSupport.Run again = meshwright("model", "schedules", "delete", "1");
        assertThat(again.exitCode()).isEqualTo(ErrorReporter.NOT_FOUND);
        assertThat(again.err()).contains("no schedule 1");
    }

    @Test
    void anIntervalThatIsNotOneIsRefusedSayingWhatIsAccepted() {
        CliTestSupport.Run bad = meshwright("model", "generate", "--from", models.toString(), "--every", "6x");
        CliTestSupport.Run tooShort = meshwright("model", "generate", "--from", models.toString(), "--every", "10s");

        assertThat(bad.exitCode()).isEqualTo(ErrorReporter.INVALID);
        assertThat(bad.err()).contains("expected an interval such as 6h, 30m, 1d, 1h30m or PT6H, but was '6x'");
        assertThat(tooShort.err()).contains("expected at least 1m");
        assertThat(meshwright("model", "schedules").out().lines().count()).isEqualTo(1);
    }

    private static void copyFolder(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
