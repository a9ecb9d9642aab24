package io.meshwright.engine.cli;

import io.meshwright.engine.Engine;
import io.meshwright.engine.EngineConfig;
import io.meshwright.engine.credentials.CredentialSettings;
import io.meshwright.engine.plugins.PluginInfo;
import io.meshwright.engine.plugins.PluginStatus;
import io.meshwright.engine.lifecycle.WaitPolicy;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code meshwright serve}: runs the engine until SIGTERM or Ctrl-C, then stops it gracefully. */
@Command(name = "serve", description = "Run the engine (HTTP and gRPC) until stopped.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to listen on (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", defaultValue = "9090", description = "HTTP port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--grpc-port", defaultValue = "9091", description = "gRPC port (default: ${DEFAULT-VALUE})")
    int grpcPort;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "store, token and plugins (default: $MESHWRIGHT_DATA_DIR, else ~/.meshwright)")
    Path dataDir;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "kubeconfig of the target cluster (default: $KUBECONFIG, else ~/.kube/config)")
    Path kubeconfig;

    @Option(names = "--context", description = "kubeconfig context (default: its current context)")
    String context;

    @Option(names = "--wait", defaultValue = "applied", description = "default wait policy of deployments: none, applied or healthy")
    WaitPolicy waitPolicy;

    @Option(names = "--timeout", defaultValue = "PT5M", description = "default time one object may take to become ready (ISO-8601, default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--max-payload", paramLabel = "SIZE", defaultValue = "64MiB",
            description = "largest HTTP request body, e.g. 64MiB; larger ones are answered 413 unread (default: ${DEFAULT-VALUE})")
    String maxPayload;

    @Option(names = "--max-grpc-message", paramLabel = "SIZE", defaultValue = "16MiB",
            description = "largest gRPC request message (default: ${DEFAULT-VALUE})")
    String maxGrpcMessage;

    @Option(names = "--allow-private-urls",
            description = "let registry imports fetch URLs on loopback, link-local and private addresses (refused by default)")
    boolean allowPrivateUrls;

    @Option(names = "--credential-env-prefix", paramLabel = "PREFIX",
            description = "designs may name as credentials (tokenEnv, sshKeyEnv, ...) only environment variables starting"
                    + " with PREFIX; repeatable (default: MESHWRIGHT_CRED_)")
    java.util.List<String> credentialEnvPrefixes;

    @Option(names = "--credentials-dir", paramLabel = "DIR",
            description = "designs may name as credentials (tokenFile, sshKeyFile, knownHostsFile) only files inside DIR,"
                    + " symbolic links and .. resolved; repeatable (default: <data-dir>/credentials)")
    java.util.List<Path> credentialsDirs;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate (chain): serve HTTPS and gRPC over TLS")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key (PKCS#8) of --tls-cert")
    Path tlsKey;

    @Option(names = "--log-level", defaultValue = "info", paramLabel = "LEVEL",
            description = "level of Meshwright's own lines in <data-dir>/logs/engine.log: error, warn, info, debug or trace (default: ${DEFAULT-VALUE})")
    ServeLogging.LogLevel logLevel;

    @Option(names = "--library-log-level", defaultValue = "warn", paramLabel = "LEVEL",
            description = "level of the libraries' lines (Helidon, PF4J, fabric8, netty) in the log file (default: ${DEFAULT-VALUE})")
    ServeLogging.LogLevel libraryLogLevel;

    @Option(names = "--shutdown-timeout", defaultValue = "30s", converter = DurationConverter.class,
            description = "on SIGTERM, how long running deploys and undeploys may finish before they are recorded as"
                    + " interrupted and resumed at the next start (default: ${DEFAULT-VALUE})")
    Duration shutdownTimeout;

    @Option(names = "--no-sync", description = "do not watch the target cluster's objects (meshwright cluster objects stays empty)")
    boolean noSync;

    @Option(names = "--sync-cluster", defaultValue = "local", paramLabel = "NAME",
            description = "the name the target cluster's objects carry in the sync (default: ${DEFAULT-VALUE})")
    String syncCluster;

    @Option(names = "--health-interval", defaultValue = "30s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "how often the sync asks the Prometheus connections for health, at least 1s (default: ${DEFAULT-VALUE})")
    Duration healthInterval;

    @picocli.CommandLine.Mixin
    NatsOptions nats = new NatsOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        long begun = System.nanoTime();
        CliEnvironment environment = MeshwrightCommand.environment(spec);
        EngineConfig config = new EngineConfig(host, port, grpcPort, environment.dataDir(dataDir), environment.home(),
                Optional.ofNullable(kubeconfig), Optional.ofNullable(context), waitPolicy, timeout,
                new EngineConfig.ListenerSettings(size("--max-payload", maxPayload), Math.toIntExact(size("--max-grpc-message", maxGrpcMessage)),
                        allowPrivateUrls, Optional.ofNullable(tlsCert), Optional.ofNullable(tlsKey)), shutdownTimeout,
                new EngineConfig.SyncSettings(!noSync, syncCluster, healthInterval));
        Path logFile = ServeLogging.configure(config.dataDir(), logLevel, libraryLogLevel, System.err);
        CredentialSettings credentials = CredentialSettings.of(config.dataDir(), credentialEnvPrefixes, credentialsDirs);
        Engine engine = Engine.start(config, Clock.systemUTC(), nats.settings("", spec.commandLine().getErr()), credentials);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            engine.close();
            stopped.countDown();
        }, "meshwright-shutdown"));
        report(spec.commandLine().getOut(), engine, logFile, Duration.ofNanos(System.nanoTime() - begun));
        spec.commandLine().getOut().printf("  credentials designs may name: %s%n", credentials.describe());
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }

    /** {@code 1048576}, {@code 64KiB}, {@code 64MiB}, {@code 1GiB} (also {@code k}, {@code m}, {@code g}, binary). */
    static long size(String option, String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)\\s*(\\d+)\\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib)\\s*").matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(option + ": expected a size such as 64MiB, but was '" + text + "'");
        }
        int shift = switch (m.group(2).isEmpty() ? 'b' : Character.toLowerCase(m.group(2).charAt(0))) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        long size = Long.parseLong(m.group(1)) << shift;
        if (size <= 0 || size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(option + ": expected a size between 1 byte and 2GiB, but was '" + text + "'");
        }
        return size;
    }

    private static void report(PrintWriter out, Engine engine, Path logFile, Duration startup) {
        EngineConfig config = engine.config();
        long jvmUptime = ManagementFactory.getRuntimeMXBean().getUptime();
        out.printf("meshwright engine listening on %s (HTTP) and %s:%d (gRPC)%n", engine.httpUrl(), config.host(), engine.grpcPort());
        out.printf("  data directory %s, API token in %s%n", config.dataDir(), config.dataDir().resolve("token"));
        engine.nats().ifPresent(nats -> out.printf("  NATS %s (%s): events to stream %s as %s, following meshwright.sync.>%n",
                nats.settings().shownUrl(), nats.settings().security().describe(), nats.settings().stream(),
                nats.settings().publisherId()));
        for (PluginInfo plugin : engine.plugins().plugins()) {
            out.printf("  plugin %s %s: %s%s%n", plugin.id(), plugin.version() == null ? "" : plugin.version(), plugin.status(),
                    plugin.status() == PluginStatus.FAILED ? " (" + plugin.failure() + ")" : "");
        }
        out.printf("  plugin folders %s%n", engine.plugins().roots());
        for (String warning : engine.startWarnings()) {
            out.printf("  WARNING: %s%n", warning);
        }
        out.printf("  log file %s%n", logFile);
        out.printf("  started in %d ms (%d ms since the JVM started)%n", startup.toMillis(), jvmUptime);
        out.flush();
    }
}
