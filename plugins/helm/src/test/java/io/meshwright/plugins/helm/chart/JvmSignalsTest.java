package io.meshwright.plugins.helm.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwright.plugins.helm.Charts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a call into Helm, SIGTERM still stops the JVM through its shutdown hooks: Helm's Go runtime takes the signal
 * the first time it runs, and an engine that had rendered one chart ignored {@code kill} until SIGKILL.
 */
class JvmSignalsTest {

    @Test
    void sigtermAfterAHelmCallRunsTheShutdownHooksAndExits(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                RendersThenWaits.class.getName(), Charts.dir("gadgets").toString()))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.readString(out).contains("ready") && System.nanoTime() < deadline && child.isAlive()) {
                Thread.sleep(100);
            }
            assertThat(Files.readString(out)).as("the child rendered a chart through Helm").contains("rendered", "ready");

            ProcessHandle.of(child.pid()).orElseThrow().destroy(); // SIGTERM

            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the JVM stopped on SIGTERM: %s", Files.readString(out)).isTrue();
            assertThat(child.exitValue()).isEqualTo(128 + 15);
            assertThat(Files.readString(out)).contains("shutdown hook ran");
        } finally {
            child.destroyForcibly();
        }
    }

    /** The child: one client-side render through {@link HelmCalls}, then waits to be stopped. */
    public static final class RendersThenWaits {
        public static void main(String[] args) throws Exception {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran")));
            ResolvedChart chart = new ResolvedChart(Path.of(args[0]), args[0]);
            String manifest = new HelmCalls().template(chart, "signals", "default", null);
            System.out.println("rendered " + manifest.length() + " characters");
            System.out.println("ready");
            Thread.sleep(TimeUnit.MINUTES.toMillis(2));
            System.out.println("never stopped");
        }
    }
}
