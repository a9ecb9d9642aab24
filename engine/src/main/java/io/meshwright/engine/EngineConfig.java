package io.meshwright.engine;

import io.meshwright.engine.lifecycle.WaitPolicy;
import io.meshwright.engine.sync.health.SyncChecks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run the engine.
 *
 * @param host           address both listeners bind to
 * @param httpPort       HTTP port (0 picks a free one)
 * @param grpcPort       gRPC port (0 picks a free one)
 * @param dataDir        where the store, the API token and per-user plugins live
 * @param home           the distribution's folder ({@code meshwright.home}, set by the launcher); its
 *                       {@code plugins/} holds the bundled plugins. Empty when run from a build or a test.
 * @param kubeconfig     the kubeconfig to reach the target cluster; empty for the usual lookup (KUBECONFIG, ~/.kube/config)
 * @param kubeContext    the context within it; empty for its current context
 * @param waitPolicy     default wait policy of deployments
 * @param timeout        default time one object may take to become ready
 * @param listener       limits and transport security of the HTTP and gRPC listeners, and what URLs may be fetched
 * @param shutdownTimeout how long a stop (SIGTERM) lets running deploys and undeploys finish before it records
 *                       them as interrupted (the next start resumes them)
 * @param sync           whether and under which name the engine watches its target cluster
 */
public record EngineConfig(
        String host,
        int httpPort,
        int grpcPort,
        Path dataDir,
        Optional<Path> home,
        Optional<Path> kubeconfig,
        Optional<String> kubeContext,
        WaitPolicy waitPolicy,
        Duration timeout,
        ListenerSettings listener,
        Duration shutdownTimeout,
        SyncSettings sync) {

    public static final int DEFAULT_HTTP_PORT = 9090;
    public static final int DEFAULT_GRPC_PORT = 9091;
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    public EngineConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(kubeconfig, "kubeconfig");
        Objects.requireNonNull(kubeContext, "kubeContext");
        Objects.requireNonNull(waitPolicy, "waitPolicy");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        Objects.requireNonNull(sync, "sync");
        if (shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("shutdownTimeout: expected zero or more, but was " + shutdownTimeout);
        }
    }

    /** The configuration with the default sync (the target cluster watched as {@code local}). */
    public EngineConfig(String host, int httpPort, int grpcPort, Path dataDir, Optional<Path> home, Optional<Path> kubeconfig,
            Optional<String> kubeContext, WaitPolicy waitPolicy, Duration timeout, ListenerSettings listener,
            Duration shutdownTimeout) {
        this(host, httpPort, grpcPort, dataDir, home, kubeconfig, kubeContext, waitPolicy, timeout, listener, shutdownTimeout,
                SyncSettings.defaults());
    }

    /**
     * Whether the engine watches its own target cluster (the sync), the name its objects carry, and how often its
     * health is asked of Prometheus.
     *
     * @param enabled        {@code false} for {@code serve --no-sync}
     * @param cluster        the cluster's name in events and in {@code /api/cluster/objects}
     * @param healthInterval how often the health queries run against the Prometheus connections
     *                       ({@code serve --health-interval}); at least {@link SyncChecks#MIN_HEALTH_INTERVAL}
     */
    public record SyncSettings(boolean enabled, String cluster, Duration healthInterval) {
        public SyncSettings {
            if (cluster == null || cluster.isBlank() || !cluster.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
                throw new IllegalArgumentException("sync cluster name: expected a DNS-1123 label (e.g. local), but was '"
                        + cluster + "'");
            }
            Objects.requireNonNull(healthInterval, "healthInterval");
            if (healthInterval.compareTo(SyncChecks.MIN_HEALTH_INTERVAL) < 0) {
                throw new IllegalArgumentException("health interval (--health-interval): expected "
                        + SyncChecks.MIN_HEALTH_INTERVAL.toSeconds() + "s or more, but was "
                        + healthInterval.toString().substring(2).toLowerCase(java.util.Locale.ROOT));
            }
        }

        /** Health asked every {@link SyncChecks#DEFAULT_HEALTH_INTERVAL}. */
        public SyncSettings(boolean enabled, String cluster) {
            this(enabled, cluster, SyncChecks.DEFAULT_HEALTH_INTERVAL);
        }

        /** Watched, as {@code local}. */
        public static SyncSettings defaults() {
            return new SyncSettings(true, "local");
        }
    }

    /** The configuration with the default {@link ListenerSettings} and shutdown timeout (30 s). */
    public EngineConfig(String host, int httpPort, int grpcPort, Path dataDir, Optional<Path> home, Optional<Path> kubeconfig,
            Optional<String> kubeContext, WaitPolicy waitPolicy, Duration timeout) {
        this(host, httpPort, grpcPort, dataDir, home, kubeconfig, kubeContext, waitPolicy, timeout, ListenerSettings.defaults(),
                DEFAULT_SHUTDOWN_TIMEOUT);
    }

    /** The configuration with these listener settings and the default shutdown timeout. */
    public EngineConfig(String host, int httpPort, int grpcPort, Path dataDir, Optional<Path> home, Optional<Path> kubeconfig,
            Optional<String> kubeContext, WaitPolicy waitPolicy, Duration timeout, ListenerSettings listener) {
        this(host, httpPort, grpcPort, dataDir, home, kubeconfig, kubeContext, waitPolicy, timeout, listener,
                DEFAULT_SHUTDOWN_TIMEOUT);
    }

    /**
     * What the listeners accept and how they are secured.
     *
     * @param maxPayloadBytes     largest HTTP request body (a larger one is answered 413 before it is read)
     * @param maxGrpcMessageBytes largest gRPC request message
     * @param allowPrivateUrls    whether URLs given to the engine (registry imports) may point at loopback,
     *                            link-local or private addresses
     * @param tlsCertificate      PEM certificate (chain) for HTTPS and gRPC over TLS; empty for plain text
     * @param tlsKey              its PEM private key (PKCS#8)
     */
    public record ListenerSettings(long maxPayloadBytes, int maxGrpcMessageBytes, boolean allowPrivateUrls,
            Optional<Path> tlsCertificate, Optional<Path> tlsKey) {

        public ListenerSettings {
            Objects.requireNonNull(tlsCertificate, "tlsCertificate");
            Objects.requireNonNull(tlsKey, "tlsKey");
            if (tlsCertificate.isPresent() != tlsKey.isPresent()) {
                throw new IllegalArgumentException("TLS needs both a certificate and its key (--tls-cert and --tls-key)");
            }
        }

        /** 64 MiB bodies (the largest design the parser reads), 16 MiB gRPC messages, public URLs only, no TLS. */
        public static ListenerSettings defaults() {
            return new ListenerSettings(64L << 20, 16 << 20, false, Optional.empty(), Optional.empty());
        }

        public boolean tls() {
            return tlsCertificate.isPresent();
        }
    }

    /** Loopback on the default ports, with everything else at its default. */
    public static EngineConfig defaults(Path dataDir) {
        return new EngineConfig("127.0.0.1", DEFAULT_HTTP_PORT, DEFAULT_GRPC_PORT, dataDir, Optional.empty(),
                Optional.empty(), Optional.empty(), WaitPolicy.APPLIED, Duration.ofMinutes(5));
    }

    /** The same with other ports. */
    public EngineConfig withPorts(int http, int grpc) {
        return new EngineConfig(host, http, grpc, dataDir, home, kubeconfig, kubeContext, waitPolicy, timeout, listener,
                shutdownTimeout, sync);
    }

    /** The same with the distribution's folder. */
    public EngineConfig withHome(Path distribution) {
        return new EngineConfig(host, httpPort, grpcPort, dataDir, Optional.of(distribution), kubeconfig, kubeContext, waitPolicy, timeout,
                listener, shutdownTimeout, sync);
    }

    /** The same with other listener settings. */
    public EngineConfig withListener(ListenerSettings settings) {
        return new EngineConfig(host, httpPort, grpcPort, dataDir, home, kubeconfig, kubeContext, waitPolicy, timeout, settings,
                shutdownTimeout, sync);
    }

    /** The same with another shutdown timeout. */
    public EngineConfig withShutdownTimeout(Duration shutdown) {
        return new EngineConfig(host, httpPort, grpcPort, dataDir, home, kubeconfig, kubeContext, waitPolicy, timeout, listener,
                shutdown, sync);
    }

    /** The same with other sync settings. */
    public EngineConfig withSync(SyncSettings settings) {
        return new EngineConfig(host, httpPort, grpcPort, dataDir, home, kubeconfig, kubeContext, waitPolicy, timeout, listener,
                shutdownTimeout, settings);
    }

    /** Plugin folders, bundled first: {@code <home>/plugins}, then {@code <data-dir>/plugins}. */
    public List<Path> pluginRoots() {
        List<Path> roots = new ArrayList<>();
        home.ifPresent(h -> roots.add(h.resolve("plugins")));
        roots.add(dataDir.resolve("plugins"));
        return List.copyOf(roots);
    }

    /** The store's file. */
    public Path databaseFile() {
        return dataDir.resolve("meshwright.db");
    }

    /** Plugins' private folders live under here, one per plugin id (outside the plugin folders on purpose:
     *  PF4J would take any folder inside them for an expanded plugin). */
    public Path pluginDataDir() {
        return dataDir.resolve("plugin-data");
    }
}
