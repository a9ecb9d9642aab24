package io.meshwright.testbed.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwright.engine.Engine;
import io.meshwright.engine.EngineConfig;
import io.meshwright.engine.cli.Cli;
import io.meshwright.engine.cli.CliEnvironment;
import io.meshwright.engine.lifecycle.WaitPolicy;
import io.meshwright.testkit.ClusterHandle;
import io.meshwright.testkit.RealCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * An OCI image holding a design, as Meshery publishes them (meshkit's {@code valid-design-oci.tar}), through the CLI
 * and a real engine: the CLI uploads the tarball's bytes and the engine reads the design inside it.
 */
@RealCluster
class OciDesignEndToEndTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path userHome;

    private record Run(int exitCode, String out, String err) {}

    @Test
    void anOciDesignTarballValidatesPlansAppliesAndDeletesThroughTheCli(ClusterHandle cluster) throws Exception {
        Path real = realData().resolve("meshery-designs/meshkit/valid-design-oci.tar");
        Assumptions.assumeTrue(Files.isRegularFile(real), real + " is not here");
        Path design = Files.copy(real, dataDir.resolve("my-design.tar"));
        EngineConfig config = new EngineConfig("127.0.0.1", 0, 0, dataDir, Optional.empty(),
                Optional.of(cluster.kubeconfig()), Optional.empty(), WaitPolicy.APPLIED, Duration.ofMinutes(1));
        try (Engine engine = Engine.start(config, Clock.systemUTC())) {
            Map<String, String> env = Map.of("MESHWRIGHT_SERVER", engine.httpUrl(), "MESHWRIGHT_TOKEN", engine.token());

            Run validate = cli(env, "design", "validate", "-f", design.toString(), "-o", "json");
            assertThat(validate.exitCode()).as(validate.out() + validate.err()).isZero();
            assertThat(validate.out()).contains("\"valid\" : true");

            Run plan = cli(env, "design", "plan", "-f", design.toString());
            assertThat(plan.exitCode()).as(plan.out() + plan.err()).isZero();
            assertThat(plan.out()).contains("Namespace/").contains("ConfigMap/").contains("0 refused");

            // The design declares Namespace "default", which every cluster has: it is adopted, and kept on delete.
            Run apply = cli(env, "design", "apply", "-f", design.toString(), "--adopt");
            assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
            assertThat(apply.out()).contains("DEPLOYED").contains("4 object(s) in the inventory");
            assertThat(cluster.client().configMaps().inNamespace("default").withLabel("meshwright.io/deployment").list().getItems())
                    .extracting(c -> c.getMetadata().getName()).hasSize(3).allSatisfy(name -> assertThat(name).startsWith("config-map-"));

            Run delete = cli(env, "design", "delete", "-f", design.toString());
            assertThat(delete.exitCode()).as(delete.out() + delete.err()).isZero();
            assertThat(delete.out()).contains("UNDEPLOYED, 0 left");
            assertThat(cluster.client().configMaps().inNamespace("default").withLabel("meshwright.io/deployment").list().getItems()).isEmpty();

            Run save = cli(env, "design", "save", "-f", design.toString());
            assertThat(save.exitCode()).as(save.out() + save.err()).isZero();
            Run view = cli(env, "design", "view", "my design");
            assertThat(view.out()).as("the design inside the image is kept as text").contains("schemaVersion: designs.meshery.io/");
        }
    }

    @Test
    void aTarballWithoutADesignIsRefusedNamingTheFile(ClusterHandle cluster) throws Exception {
        Path notes = Files.writeString(dataDir.resolve("notes.txt"), "no design here");
        Path tar = dataDir.resolve("no-design.tar");
        assertThat(new ProcessBuilder("tar", "-cf", tar.toString(), "-C", dataDir.toString(), notes.getFileName().toString())
                .start().waitFor()).isZero();
        EngineConfig config = new EngineConfig("127.0.0.1", 0, 0, dataDir, Optional.empty(),
                Optional.of(cluster.kubeconfig()), Optional.empty(), WaitPolicy.APPLIED, Duration.ofMinutes(1));
        try (Engine engine = Engine.start(config, Clock.systemUTC())) {
            Map<String, String> env = Map.of("MESHWRIGHT_SERVER", engine.httpUrl(), "MESHWRIGHT_TOKEN", engine.token());

            Run validate = cli(env, "design", "validate", "-f", tar.toString());

            assertThat(validate.exitCode()).isNotZero();
            assertThat(validate.err()).contains("no-design.tar").contains("holds no design file");
        }
    }

    /** {@code ../shared/real-data} beside the checkout (a worktree may sit a level deeper); skips when absent. */
    private static Path realData() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("../shared/real-data"))) {
            dir = dir.getParent();
        }
        Assumptions.assumeTrue(dir != null, "the shared real-data folder (../shared/real-data) is not present");
        return dir.resolve("../shared/real-data").normalize();
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
