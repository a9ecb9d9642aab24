package io.meshwright.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A real Kubernetes v1.20.2 control plane on loopback: etcd, kube-apiserver and kube-controller-manager
 * (namespace, garbage-collector and service-account controllers), started from the binaries that
 * {@code testbed/cluster provision} caches, on free ports, in a fresh directory under
 * {@code ${MESHWRIGHT_CACHE:-~/.cache/meshwright}/runs/}. There is no scheduler or kubelet: Pods stay Pending.
 *
 * <p>Its processes never outlive the JVM: {@link #close()} stops them (SIGTERM, then SIGKILL), a shutdown hook
 * does the same when close is forgotten, a watchdog process stops them if the JVM is killed outright, and
 * the next start reaps directories (and PIDs) left behind by dead JVMs.
 *
 * <pre>{@code
 * try (LocalControlPlane plane = LocalControlPlane.start()) {
 *     Path kubeconfig = plane.kubeconfig();
 * }
 * }</pre>
 * Tests should rather use {@link RealCluster}; benchmarks {@link ClusterHandle#obtain()}.
 */
public final class LocalControlPlane implements AutoCloseable {

    private static final int ATTEMPTS = 3;
    private static final Duration ETCD_READY = Duration.ofSeconds(30);
    private static final Duration APISERVER_READY = Duration.ofSeconds(120);
    private static final Duration CONTROLLERS_READY = Duration.ofSeconds(90);

    private final Path directory;
    private final ManagedProcesses processes;
    private final URI server;
    private final Path kubeconfig;
    private final Duration startup;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Thread shutdownHook;
    private final HealthProbe probe;

    private LocalControlPlane(Path directory, ManagedProcesses processes, URI server, Path kubeconfig, Duration startup,
            HealthProbe probe) {
        this.directory = directory;
        this.processes = processes;
        this.server = server;
        this.kubeconfig = kubeconfig;
        this.startup = startup;
        this.probe = probe;
        this.shutdownHook = new Thread(this::stop, "meshwright-control-plane-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a control plane from the cache named by {@code MESHWRIGHT_CACHE} (default
     * {@code ~/.cache/meshwright}); provisions the binaries first if they are missing and the repository's
     * {@code testbed/cluster} is found above the working directory.
     */
    public static LocalControlPlane start() {
        return start(defaultCache(System.getenv()), Clock.systemUTC());
    }

    /** Starts a control plane with binaries and run directories under {@code cache}. */
    public static LocalControlPlane start(Path cache, Clock clock) {
        ControlPlaneBinaries binaries = ControlPlaneBinaries.cachedOrProvision(
                cache, Path.of(System.getProperty("user.dir")), Map.of());
        Path runs = cache.resolve("runs");
        StaleRuns.reap(runs, ControlPlaneBinaries.binDir(cache));
        ControlPlaneException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return attempt(binaries, runs, clock);
            } catch (PortTaken e) {
                last = e.failure;  // someone took a free port between our probe and the bind: new ports
            }
        }
        throw last;
    }

    static Path defaultCache(Map<String, String> env) {
        String configured = env.get("MESHWRIGHT_CACHE");
        return configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "meshwright");
    }

    /** The admin kubeconfig (token in group system:masters). */
    public Path kubeconfig() {
        return kubeconfig;
    }

    /** The apiserver URL, {@code https://127.0.0.1:<port>}. */
    public URI server() {
        return server;
    }

    /** Where the certificates, etcd data, logs ({@code logs/}) and PID files ({@code run/}) live. */
    public Path directory() {
        return directory;
    }

    /** How long the start took, from the first process to the controllers working. */
    public Duration startup() {
        return startup;
    }

    /** The PIDs of etcd, kube-apiserver and kube-controller-manager, in start order. */
    public List<Long> pids() {
        return processes.pids();
    }

    /**
     * Stops kube-apiserver (SIGTERM, as an upgrade or a crash-looping pod would) and starts it again on the same
     * port with the same certificates and etcd, so that clients reconnect to the same URL; returns once it
     * answers {@code /readyz} again. etcd and the controllers keep running, so the cluster's state survives and
     * the next tests in this JVM find it as it was.
     *
     * @return how long the API server was away
     */
    public synchronized Duration restartApiServer() {
        if (stopped.get()) {
            throw new ControlPlaneException("the control plane in " + directory + " is stopped");
        }
        Instant began = Instant.now();
        processes.restart("kube-apiserver");
        awaitReady(processes, "kube-apiserver", Clock.systemUTC(), APISERVER_READY,
                () -> probe.get(server.resolve("/readyz")).filter("ok"::equals), "kube-apiserver");
        return Duration.between(began, Instant.now());
    }

    /** Stops every process and removes the directory. Idempotent. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook runs (or ran) stop() itself.
        }
        stop();
    }

    private void stop() {
        if (stopped.compareAndSet(false, true)) {
            processes.stopAll();
            StaleRuns.deleteTree(directory);
        }
    }

    private static LocalControlPlane attempt(ControlPlaneBinaries bin, Path runs, Clock clock) {
        Instant began = clock.instant();
        Path dir = createRunDirectory(runs);
        ManagedProcesses processes = new ManagedProcesses(dir);
        try {
            Path pkiDir = Files.createDirectories(dir.resolve("pki"));
            Pki pki = Pki.create(pkiDir);
            List<Integer> ports = freePorts(3);
            int etcdPort = ports.get(0), peerPort = ports.get(1), apiPort = ports.get(2);
            HealthProbe probe = new HealthProbe(pki.certificate(), pki.token());
            String etcdUrl = "http://127.0.0.1:" + etcdPort;
            String peerUrl = "http://127.0.0.1:" + peerPort;
            URI server = URI.create("https://127.0.0.1:" + apiPort);

            processes.start("etcd", List.of(bin.etcd().toString(), "--name", "default",
                    "--data-dir", dir.resolve("etcd").toString(),
                    "--listen-client-urls", etcdUrl, "--advertise-client-urls", etcdUrl,
                    "--listen-peer-urls", peerUrl, "--initial-advertise-peer-urls", peerUrl,
                    "--initial-cluster", "default=" + peerUrl, "--unsafe-no-fsync"));
            awaitReady(processes, "etcd", clock, ETCD_READY,
                    () -> probe.get(URI.create(etcdUrl + "/health")).filter(b -> b.contains("\"health\":\"true\"")));

            processes.start("kube-apiserver", List.of(bin.apiServer().toString(),
                    "--etcd-servers=" + etcdUrl, "--bind-address=127.0.0.1", "--advertise-address=127.0.0.1",
                    "--secure-port=" + apiPort,
                    "--tls-cert-file=" + pki.certificate(), "--tls-private-key-file=" + pki.key(),
                    "--token-auth-file=" + pki.tokenFile(), "--authorization-mode=RBAC",
                    "--service-account-issuer=https://kubernetes.default.svc",
                    "--service-account-key-file=" + pki.serviceAccountPublicKey(),
                    "--service-account-signing-key-file=" + pki.serviceAccountKey(),
                    "--service-cluster-ip-range=10.0.0.0/24", "--disable-admission-plugins=ServiceAccount",
                    "--allow-privileged=true", "--profiling=false"));
            awaitReady(processes, "kube-apiserver", clock, APISERVER_READY,
                    () -> probe.get(server.resolve("/readyz")).filter("ok"::equals));

            Path kubeconfig = Kubeconfigs.write(dir.resolve("kubeconfig"), server.toString(), pki.certificate(), pki.token());
            processes.start("kube-controller-manager", List.of(bin.controllerManager().toString(),
                    "--kubeconfig=" + kubeconfig,
                    "--controllers=namespace,garbagecollector,serviceaccount-token,serviceaccount",
                    "--leader-elect=false", "--port=0", "--secure-port=0",
                    "--service-account-private-key-file=" + pki.serviceAccountKey(),
                    "--root-ca-file=" + pki.certificate()));
            // The serviceaccount controller creates default/default: proof that the controllers run.
            awaitReady(processes, "kube-controller-manager", clock, CONTROLLERS_READY,
                    () -> probe.get(server.resolve("/api/v1/namespaces/default/serviceaccounts/default")));
            return new LocalControlPlane(dir, processes, server, kubeconfig, Duration.between(began, clock.instant()),
                    probe);
        } catch (RuntimeException | IOException e) {
            processes.stopAll();
            if (e instanceof PortTaken taken) {
                StaleRuns.deleteTree(dir);
                throw taken;
            }
            if (e instanceof ControlPlaneException failure) {
                throw failure;
            }
            throw new ControlPlaneException("Cannot start the local control plane in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Path createRunDirectory(Path runs) {
        try {
            Files.createDirectories(runs);
            Path dir = Files.createTempDirectory(runs, "cp-");
            Files.writeString(dir.resolve(StaleRuns.OWNER_FILE), ProcessHandle.current().pid() + "\n");
            return dir;
        } catch (IOException e) {
            throw new ControlPlaneException("Cannot create a run directory under " + runs + ": " + e.getMessage()
                    + ". Set MESHWRIGHT_CACHE to a writable directory.", e);
        }
    }

    private static void awaitReady(ManagedProcesses processes, String name, Clock clock, Duration limit,
                                   Supplier<Optional<String>> check) {
        awaitReady(processes, name, clock, limit, check, null);
    }

    /** Waits for {@code check}; watches the process started as {@code processName}, else the last started. */
    private static void awaitReady(ManagedProcesses processes, String name, Clock clock, Duration limit,
                                   Supplier<Optional<String>> check, String processName) {
        Instant deadline = clock.instant().plus(limit);
        Process process = processName == null ? processes.lastStarted() : processes.process(processName);
        while (true) {
            if (check.get().isPresent()) {
                return;
            }
            if (!process.isAlive()) {
                throw startFailure(processes, name, name + " exited with code " + process.exitValue() + " while starting");
            }
            if (clock.instant().isAfter(deadline)) {
                throw startFailure(processes, name, name + " was not ready within " + limit.toSeconds() + " s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ControlPlaneException("Interrupted while waiting for " + name, e);
            }
        }
    }

    private static RuntimeException startFailure(ManagedProcesses processes, String name, String what) {
        Path log = processes.log(name);
        String tail = LogTail.of(log, 15);
        if (tail.contains("address already in use")) {
            return new PortTaken(new ControlPlaneException(what + ": a port it was given got taken by another"
                    + " process (3 attempts with fresh ports failed). Last lines of " + log + ":\n" + tail));
        }
        String hint = switch (name) {
            case "etcd" -> "Check that " + log.getParent().getParent() + " is on a local, writable disk.";
            case "kube-apiserver" -> "If it cannot reach etcd, see " + log.resolveSibling("etcd.log") + ".";
            default -> "See the log.";
        };
        return new ControlPlaneException(what + ". " + hint + " Last lines of " + log + ":\n" + tail);
    }

    private static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    /** A start that failed only because a port was taken meanwhile; retried with fresh ports. */
    private static final class PortTaken extends RuntimeException {
        private final ControlPlaneException failure;

        PortTaken(ControlPlaneException failure) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
        }
    }
}
