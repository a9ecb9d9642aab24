package io.meshwright.plugins.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's OpenSSH {@code sshd} on loopback, on a free port, with a config file, a host key and an authorized key of
 * its own (all in a test folder; nothing of the machine's {@code /etc/ssh} is used), serving repositories to
 * {@code git-upload-pack} by absolute path as the user running the tests. Stopped by its own process handle on close.
 */
public final class SshServer implements AutoCloseable {

    private static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final Process process;
    private final int port;
    private final Path dir;

    private SshServer(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** Empty when {@code sshd} can run here, else why not (for the test's skip reason). */
    public static java.util.Optional<String> unavailable() {
        if (!Files.isExecutable(SSHD)) {
            return java.util.Optional.of("no " + SSHD + " (apt-get install openssh-server)");
        }
        if (!GitDaemon.available()) {
            return java.util.Optional.of("no git binary (git-upload-pack) for sshd to run");
        }
        return java.util.Optional.empty();
    }

    /**
     * Generates a key pair with {@code ssh-keygen} ({@code file} and {@code file.pub}).
     *
     * @param passphrase the key's passphrase; empty for none
     */
    public static Path keyPair(Path file, String type, String passphrase) {
        run(List.of("ssh-keygen", "-q", "-t", type, "-N", passphrase, "-C", "meshwright-test", "-f", file.toString()));
        return file;
    }

    /**
     * Starts {@code sshd} with its files in {@code dir}, letting in whoever holds one of the private keys
     * {@code authorizedKeys} (their public halves, {@code KEY.pub}, go into its authorized keys file).
     */
    public static SshServer serve(Path dir, Path... authorizedKeys) {
        try {
            Files.createDirectories(dir);
            // sshd's privilege separation directory; Debian makes it at boot, a container may not have it.
            Files.createDirectories(Path.of("/run/sshd"));
            Path hostKey = keyPair(dir.resolve("host_key"), "ed25519", "");
            StringBuilder publicKeys = new StringBuilder();
            for (Path key : authorizedKeys) {
                publicKeys.append(Files.readString(Path.of(key + ".pub")).strip()).append('\n');
            }
            Path authorized = Files.writeString(dir.resolve("authorized_keys"), publicKeys);
            int port = freePort();
            Path config = Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                    "Port " + port,
                    "ListenAddress 127.0.0.1",
                    "HostKey " + hostKey.toAbsolutePath(),
                    "PidFile " + dir.toAbsolutePath().resolve("sshd.pid"),
                    "AuthorizedKeysFile " + authorized.toAbsolutePath(),
                    "PermitRootLogin prohibit-password",
                    "PubkeyAuthentication yes",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "UsePAM no",
                    // The test folder sits under /tmp (world-writable): the owner and mode checks would refuse it.
                    "StrictModes no",
                    "LogLevel VERBOSE",
                    ""));
            Process process = new ProcessBuilder(List.of(SSHD.toString(), "-D", "-e", "-f", config.toAbsolutePath().toString()))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
            SshServer server = new SshServer(process, port, dir);
            server.awaitListening();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code ssh://USER@127.0.0.1:PORT/ABSOLUTE/PATH}: the repository at {@code repository}, as the tests' user. */
    public String url(Path repository) {
        return "ssh://" + System.getProperty("user.name") + "@127.0.0.1:" + port + repository.toAbsolutePath();
    }

    /** A known_hosts file holding this server's host key (as {@code ssh-keyscan} would write it). */
    public Path knownHosts(Path file) {
        try {
            String[] publicKey = Files.readString(dir.resolve("host_key.pub")).strip().split(" ");
            return Files.writeString(file, "[127.0.0.1]:" + port + " " + publicKey[0] + " " + publicKey[1] + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What sshd logged (authentication attempts included). */
    public String log() {
        try {
            return Files.readString(dir.resolve("sshd.log"));
        } catch (IOException e) {
            return "";
        }
    }

    private void awaitListening() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("sshd exited with " + process.exitValue() + ": " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        throw new IllegalStateException("sshd did not listen on port " + port + ": " + log());
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
