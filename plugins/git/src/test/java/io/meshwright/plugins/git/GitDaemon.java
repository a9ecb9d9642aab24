package io.meshwright.plugins.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code git daemon} serving every repository under a folder over {@code git://} on loopback, on a free
 * port; stopped (by its own process handle) on close. Tests skip when no {@code git} binary is installed.
 */
public final class GitDaemon implements AutoCloseable {

    private final Process process;
    private final int port;

    private GitDaemon(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static boolean available() {
        try {
            return new ProcessBuilder("git", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public static GitDaemon serve(Path baseDir) {
        int port = freePort();
        try {
            Process process = new ProcessBuilder(List.of("git", "daemon", "--reuseaddr", "--base-path=" + baseDir,
                    "--export-all", "--port=" + port, "--listen=127.0.0.1", baseDir.toString()))
                    .redirectErrorStream(true).redirectOutput(baseDir.resolveSibling("git-daemon.log").toFile()).start();
            GitDaemon daemon = new GitDaemon(process, port);
            daemon.awaitListening();
            return daemon;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code git://127.0.0.1:PORT/NAME}: the repository in folder {@code name} under the base folder. */
    public String url(String name) {
        return "git://127.0.0.1:" + port + "/" + name;
    }

    private void awaitListening() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("git daemon exited with " + process.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        throw new IllegalStateException("git daemon did not listen on port " + port);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
