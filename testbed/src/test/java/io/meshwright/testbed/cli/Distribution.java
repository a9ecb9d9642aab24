package io.meshwright.testbed.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * The built distribution ({@code engine/target/meshwright}) run as a user runs it: {@code bin/meshwright serve}
 * as a child process, and each CLI command as a process of its own, with a clean environment (its own HOME, no
 * KUBECONFIG unless given).
 */
final class Distribution {

    /** A finished CLI command. */
    record Run(int exitCode, String out, String err) {}

    /** A running {@code meshwright serve}; {@link #close} stops it with SIGTERM. */
    static final class Engine implements AutoCloseable {
        final Process process;
        final Path stdout;
        final Path stderr;
        final Path dataDir;
        final String url;

        private Engine(Process process, Path stdout, Path stderr, Path dataDir, String url) {
            this.process = process;
            this.stdout = stdout;
            this.stderr = stderr;
            this.dataDir = dataDir;
            this.url = url;
        }

        String output() throws IOException {
            return Files.readString(stdout) + Files.readString(stderr);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private final Path home;
    private final Path userHome;

    private Distribution(Path home, Path userHome) {
        this.home = home;
        this.userHome = userHome;
    }

    /** The distribution this build made; the test is skipped, saying why, when it has not been built. */
    static Distribution built(Path userHome) {
        String property = System.getProperty("meshwright.distribution", "../engine/target/meshwright");
        Path home = Path.of(property).toAbsolutePath().normalize();
        assumeTrue(Files.isExecutable(home.resolve("bin/meshwright")),
                "the distribution is not built at " + home + " (run mvn package first)");
        return new Distribution(home, userHome);
    }

    /** Starts {@code meshwright serve} on free ports with {@code args}; returns once it listens. */
    Engine serve(Path dataDir, Path logs, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/meshwright").toString(), "serve",
                "--data-dir", dataDir.toString(), "--port", "0", "--grpc-port", "0"));
        command.addAll(List.of(args));
        Files.createDirectories(logs);
        Path stdout = logs.resolve("serve.out");
        Path stderr = logs.resolve("serve.err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        environment(builder.environment(), Map.of());
        Process process = builder.start();
        String[] url = new String[1];
        try {
            Awaitility.await("the engine to listen").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> {
                        assertThat(process.isAlive()).as("serve exited: %s%s", Files.readString(stdout), Files.readString(stderr)).isTrue();
                        String out = Files.readString(stdout);
                        assertThat(out).contains("listening on http://");
                        url[0] = out.replaceFirst("(?s).*listening on (http://\\S+) .*", "$1");
                    });
        } catch (RuntimeException | Error e) {
            process.destroyForcibly();
            throw e;
        }
        return new Engine(process, stdout, stderr, dataDir, url[0]);
    }

    /** Runs {@code meshwright args…} against {@code engine}, with {@code extra} environment variables. */
    Run cli(Engine engine, Map<String, String> extra, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/meshwright").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> variables = new HashMap<>(extra);
        if (engine != null) {
            variables.put("MESHWRIGHT_SERVER", engine.url);
            variables.put("MESHWRIGHT_DATA_DIR", engine.dataDir.toString());
        }
        environment(builder.environment(), variables);
        Process process = builder.start();
        process.getOutputStream().close();
        // Read both streams concurrently so a chatty command cannot block on a full pipe.
        String[] errText = new String[1];
        Thread err = Thread.ofVirtual().start(() -> {
            try {
                errText[0] = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                errText[0] = e.toString();
            }
        });
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("meshwright %s finished", String.join(" ", args)).isTrue();
        err.join();
        return new Run(process.exitValue(), out, errText[0]);
    }

    Run cli(Engine engine, String... args) throws Exception {
        return cli(engine, Map.of(), args);
    }

    /** A clean environment: PATH and JAVA_HOME kept, HOME our own, nothing of the caller's Kubernetes or Meshwright settings. */
    private void environment(Map<String, String> environment, Map<String, String> extra) {
        String path = environment.get("PATH");
        String javaHome = System.getProperty("java.home");
        environment.clear();
        environment.put("PATH", path == null ? "/usr/bin:/bin" : path);
        environment.put("JAVA_HOME", javaHome);
        environment.put("HOME", userHome.toString());
        environment.putAll(extra);
    }
}
