package io.meshwright.plugins.helm;

import com.marcnuri.helm.Helm;
import io.meshwright.plugins.helm.chart.HelmCalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real OCI distribution registry on loopback: Debian's {@code docker-registry} (distribution 2.8), started by the
 * test as its own process on a free port with its own configuration (filesystem storage in a temporary folder, no
 * authentication, plain http), never the packaged service. Charts are packaged and pushed by Helm itself.
 */
public final class LoopbackOciRegistry implements AutoCloseable {

    private static final String BINARY = "/usr/bin/docker-registry";
    private static final String ADDRESS = "127.0.0.1";

    private final Path root;
    private final int port;
    private final Process process;

    public LoopbackOciRegistry(Path root) {
        if (!Files.isExecutable(Path.of(BINARY))) {
            throw new IllegalStateException(BINARY + " is missing: install Debian's docker-registry package"
                    + " (apt-get install -y --no-install-recommends docker-registry; .ci/run does)");
        }
        this.root = root;
        try {
            Files.createDirectories(root.resolve("storage"));
            this.port = freePort();
            Path config = root.resolve("config.yml");
            Files.writeString(config, """
                    version: 0.1
                    log:
                      level: warn
                    storage:
                      filesystem:
                        rootdirectory: STORAGE
                    http:
                      addr: ADDRESS:PORT
                      secret: meshwright-test-only
                    """.replace("STORAGE", root.resolve("storage").toString()).replace("PORT", Integer.toString(port)).replace("ADDRESS", ADDRESS));
            this.process = new ProcessBuilder(BINARY, "serve", config.toString())
                    .redirectErrorStream(true).redirectOutput(root.resolve("registry.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady();
    }

    /** {@code 127.0.0.1:PORT}, the registry's host as an {@code oci://} reference names it. */
    public String host() {
        return ADDRESS + ":" + port;
    }

    /** Packages the chart directory with Helm and pushes it to {@code oci://HOST/charts}; its reference is {@code oci://HOST/charts/NAME}. */
    public String push(Path chartDir) {
        Path packaged = root.resolve("packaged-" + System.nanoTime());
        try {
            Files.createDirectories(packaged);
            HelmCalls.call(() -> new Helm(chartDir).packageIt().withDestination(packaged).call());
            Path tgz;
            try (Stream<Path> files = Files.list(packaged)) {
                tgz = files.filter(f -> f.toString().endsWith(".tgz")).findFirst().orElseThrow();
            }
            HelmCalls.call(() -> Helm.push().withChart(tgz).withRemote(URI.create("oci://" + host() + "/charts")).plainHttp().call());
            String file = tgz.getFileName().toString();
            return "oci://" + host() + "/charts/" + file.substring(0, file.lastIndexOf('-', file.indexOf('.')));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited with " + process.exitValue() + ": " + log());
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create("http://" + host() + "/v2/").toURL().openConnection();
                connection.setConnectTimeout(1000);
                connection.setReadTimeout(1000);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("docker-registry did not answer on " + host() + " within 30 s: " + log());
    }

    private String log() {
        try {
            return Files.readString(root.resolve("registry.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(ADDRESS))) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
