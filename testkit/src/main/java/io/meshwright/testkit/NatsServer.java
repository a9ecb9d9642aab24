package io.meshwright.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code nats-server} with JetStream on a free loopback port, its store in a folder of its own, for tests
 * that need NATS: {@link #start}, then {@link #kill()} (SIGKILL) or {@link #stop()} (SIGTERM) and {@link #restart()}
 * on the same port and store, as an outage would. Debian's {@code nats-server} package (2.9) provides the binary;
 * {@code $MESHWRIGHT_NATS_SERVER} names another. Output goes to {@code <folder>/nats-server.log}.
 */
public final class NatsServer implements AutoCloseable {

    private static final Duration READY = Duration.ofSeconds(20);

    private final Path binary;
    private final Path folder;
    private final int port;
    private final String config;
    private Process process;

    private NatsServer(Path binary, Path folder, int port, String config) {
        this.binary = binary;
        this.folder = folder;
        this.port = port;
        this.config = config;
    }

    /** Starts a server storing in {@code folder} (created) on a free loopback port; returns once it accepts. */
    public static NatsServer start(Path folder) {
        return start(folder, "");
    }

    /**
     * The same with {@code config} as the server's configuration file (e.g. a {@code tls { … }} or {@code authorization
     * { … }} block); address, port, JetStream and store stay as above.
     */
    public static NatsServer start(Path folder, String config) {
        NatsServer server = new NatsServer(binary(), folder, freePort(), config);
        server.launch();
        return server;
    }

    /** The binary: {@code $MESHWRIGHT_NATS_SERVER}, else {@code nats-server} on the PATH or in /usr/sbin. */
    public static Path binary() {
        String configured = System.getenv("MESHWRIGHT_NATS_SERVER");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "nats-server");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("nats-server not found on the PATH nor in /usr/sbin: install Debian's package"
                + " (apt-get install nats-server; .ci/run does) or set MESHWRIGHT_NATS_SERVER");
    }

    /** {@code nats://127.0.0.1:<port>}. */
    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path folder() {
        return folder;
    }

    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: the server dies at once, as in a crash (what JetStream acknowledged is in its store files). */
    public synchronized void kill() {
        end(true);
    }

    /** SIGTERM, and waits until it is gone. */
    public synchronized void stop() {
        end(false);
    }

    /** Starts it again on the same port with the same store (after {@link #kill()} or {@link #stop()}). */
    public synchronized void restart() {
        if (alive()) {
            stop();
        }
        launch();
    }

    private synchronized void launch() {
        try {
            Path store = Files.createDirectories(folder.resolve("jetstream"));
            List<String> command = new java.util.ArrayList<>(List.of(binary.toString(), "-a", "127.0.0.1", "-p",
                    Integer.toString(port), "-js", "-sd", store.toString()));
            if (!config.isBlank()) {
                Path file = Files.writeString(folder.resolve("nats-server.conf"), config);
                command.addAll(List.of("-c", file.toString()));
            }
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("nats-server.log").toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary + ": " + e.getMessage(), e);
        }
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "nats-server-" + port + "-stop"));
        long deadline = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < deadline) {
            if (!started.isAlive()) {
                throw new IllegalStateException("nats-server exited with " + started.exitValue() + " at start; see "
                        + folder.resolve("nats-server.log"));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        throw new IllegalStateException("nats-server did not accept connections on port " + port + " within " + READY
                + "; see " + folder.resolve("nats-server.log"));
    }

    private void end(boolean kill) {
        if (process == null) {
            return;
        }
        if (kill) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for nats-server", e);
        }
    }
}
