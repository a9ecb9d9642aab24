package io.meshwright.engine;

import io.meshwright.engine.actions.Actions;
import io.meshwright.engine.actions.EngineContext;
import io.meshwright.engine.api.ApiContext;
import io.meshwright.engine.api.ApiServer;
import io.meshwright.engine.api.BearerToken;
import io.meshwright.engine.api.EventStreams;
import io.meshwright.engine.api.HealthSections;
import io.meshwright.engine.api.Json;
import io.meshwright.engine.api.Metrics;
import io.meshwright.engine.api.TokenFile;
import io.meshwright.engine.api.grpc.GrpcRoutes;
import io.meshwright.engine.events.EventBus;
import io.meshwright.engine.design.DesignStore;
import io.meshwright.engine.lifecycle.Deployments;
import io.meshwright.engine.lifecycle.LifecycleMigrations;
import io.meshwright.engine.nats.MissedDeletions;
import io.meshwright.engine.nats.NatsBridge;
import io.meshwright.engine.nats.NatsSettings;
import io.meshwright.engine.nats.PublisherId;
import io.meshwright.engine.nats.RegistryStates;
import io.meshwright.engine.plugins.PluginHost;
import io.meshwright.engine.plugins.PluginInfo;
import io.meshwright.engine.plugins.PluginStatus;
import io.meshwright.engine.registry.Registry;
import io.meshwright.engine.fetch.PluginFetcher;
import io.meshwright.engine.fetch.UrlFetcher;
import io.meshwright.engine.registry.ImportLimits;
import io.meshwright.engine.sources.ModelGeneration;
import io.meshwright.engine.sources.ModelSourceMigrations;
import io.meshwright.engine.store.DataDirectory;
import io.meshwright.engine.store.DataDirectoryLock;
import io.meshwright.engine.status.ClusterTarget;
import io.meshwright.engine.status.EngineStatus;
import io.meshwright.engine.status.KubeVersionProbe;
import io.meshwright.engine.store.Database;
import io.meshwright.engine.store.Migration;
import io.meshwright.engine.sync.ClusterObjectIndex;
import io.meshwright.engine.sync.ClusterWatch;
import io.meshwright.engine.sync.DiscoveredSource;
import io.meshwright.engine.sync.OriginLookup;
import io.meshwright.engine.sync.Sync;
import io.meshwright.engine.sync.SyncSettings;
import io.meshwright.engine.actions.ConnectionsAction;
import io.meshwright.engine.connections.ConnectionMigrations;
import io.meshwright.engine.connections.ConnectionStore;
import io.meshwright.engine.sync.health.PrometheusHealth;
import io.meshwright.engine.sync.health.SyncChecks;
import io.meshwright.spi.extension.ModelSource;
import io.meshwright.spi.extension.PluginContext;
import io.meshwright.spi.extension.RegistryView;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part of the engine by hand, in dependency order, and stops them in
 * reverse. Nothing else constructs engine parts; the CLI's {@code serve} and the tests start an engine here.
 *
 * <p>Start order: data folder and API token, store (with every feature's migrations), event bus, registry,
 * plugins (their context holds the registry's view), the lifecycle, then the HTTP and gRPC listeners. Stop order: listeners (ending event streams), plugins, store.
 */
public final class Engine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final EngineConfig config;
    /** Held until the engine is closed: one engine per data directory. */
    private final DataDirectoryLock lock;
    private final Database database;
    private final EventBus events;
    private final PluginHost plugins;
    private final String token;
    private final ApiServer server;
    private final Lifecycle lifecycle;
    private final ModelGeneration modelGeneration;
    private final List<String> startWarnings;
    private final Sync sync;
    private final SyncChecks syncChecks;
    private final NatsBridge nats;

    /** How often stored generation schedules are checked: the most a scheduled run can be late. */
    private static final Duration SCHEDULE_TICK = Duration.ofSeconds(30);

    private Engine(EngineConfig config, DataDirectoryLock lock, Database database, EventBus events, PluginHost plugins,
            String token, ApiServer server, Lifecycle lifecycle, ModelGeneration modelGeneration, List<String> startWarnings,
            Sync sync, SyncChecks syncChecks, NatsBridge nats) {
        this.lock = lock;
        this.sync = sync;
        this.syncChecks = syncChecks;
        this.nats = nats;
        this.startWarnings = List.copyOf(startWarnings);
        this.config = config;
        this.database = database;
        this.events = events;
        this.plugins = plugins;
        this.token = token;
        this.server = server;
        this.lifecycle = lifecycle;
        this.modelGeneration = modelGeneration;
    }

    /** Starts an engine; returns once it listens. */
    public static Engine start(EngineConfig config, Clock clock) {
        return start(config, clock, Optional.empty());
    }

    /**
     * Starts an engine that also publishes its events to NATS JetStream and follows the clusters agents publish
     * there ({@code serve --nats}); returns once it listens, whether NATS answers or not.
     */
    public static Engine start(EngineConfig config, Clock clock, Optional<NatsSettings> natsSettings) {
        return start(config, clock, natsSettings, io.meshwright.engine.credentials.CredentialSettings.defaults(config.dataDir()));
    }

    /**
     * The same, with the operator's rule for which environment variables and files designs may name as credentials
     * ({@code serve --credential-env-prefix}, {@code --credentials-dir}); handed to every plugin.
     */
    public static Engine start(EngineConfig config, Clock clock, Optional<NatsSettings> natsSettings,
            io.meshwright.engine.credentials.CredentialSettings credentials) {
        DataDirectoryLock lock = DataDirectoryLock.acquire(config.dataDir());
        List<AutoCloseable> started = new ArrayList<>(List.of(lock));
        List<String> exposed;
        String token;
        Database database;
        try {
            exposed = DataDirectory.secure(config.dataDir(), config.databaseFile(),
                    List.of(config.dataDir().resolve(TokenFile.NAME)));
            exposed.forEach(warning -> LOG.warn("{}", warning));
            token = TokenFile.loadOrCreate(config.dataDir(), new SecureRandom());
            database = Database.open(config.databaseFile(), migrations());
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
        started.add(database);
        try {
            EventBus events = new EventBus(clock);
            ImportLimits limits = ImportLimits.defaults();
            Registry registry = new Registry(database, clock, limits, new UrlFetcher(UrlFetcher.Settings.defaults()
                    .withMaxBytes(limits.maxFileBytes()).withAllowPrivate(config.listener().allowPrivateUrls())));
            RegistryView registryView = registry.view();
            // Plugins fetch under the engine's address policy and limits (a chart repository is a URL like any other).
            PluginFetcher pluginFetcher = new PluginFetcher(new UrlFetcher(UrlFetcher.Settings.defaults()
                    .withAllowPrivate(config.listener().allowPrivateUrls())));
            // Plugins reach each other's extensions through the host, which exists only once the contexts are given.
            java.util.concurrent.atomic.AtomicReference<PluginHost> host = new java.util.concurrent.atomic.AtomicReference<>();
            PluginHost plugins = new PluginHost(config.pluginRoots(), pluginId -> new PluginContext(
                    registryView, events, clock, config.pluginDataDir().resolve(pluginId), pluginFetcher,
                    () -> host.get().modelSources(), () -> host.get().deployers(),
                    new io.meshwright.engine.credentials.CredentialPolicy(credentials, System::getenv)));
            host.set(plugins);
            started.add(plugins);
            plugins.load();

            Lifecycle lifecycle = Lifecycle.wire(config, database, registryView, events, plugins, clock);
            started.add(lifecycle);
            ConnectionStore connections = new ConnectionStore(database);
            // Connections are called under the same address policy as fetches (a token holder adds them).
            UrlFetcher addressPolicy = new UrlFetcher(UrlFetcher.Settings.defaults()
                    .withAllowPrivate(config.listener().allowPrivateUrls()));
            PrometheusHealth prometheus = SyncChecks.prometheus(config.dataDir(), connections, clock, addressPolicy);
            started.add(prometheus);
            Sync sync = sync(config, lifecycle, registryView, events, prometheus);
            started.add(sync);
            DiscoveredSource discovered = new DiscoveredSource(sync.index(), sync.cluster(), lifecycle::crdModels);
            ModelGeneration modelGeneration = ModelGeneration.wire(registry, database, clock,
                    () -> withDiscovered(plugins.modelSources(), discovered), lifecycle::clusterModels);
            started.add(modelGeneration.schedules());

            Json json = new Json();
            Metrics metrics = metrics(plugins, clock);
            Actions actions = Actions.over(new EngineContext(registry, plugins, Optional.of(lifecycle.deployments()),
                    Optional.of(lifecycle.designReader()), Optional.of(lifecycle.target()), Optional.of(modelGeneration),
                    Optional.of(status(lifecycle, database, plugins)), events, clock, ApiContext.counter(metrics)),
                    new ConnectionsAction(Optional.of(connections), clock, SyncChecks.QUERY_TIMEOUT,
                            prometheus::refreshSoon, addressPolicy));
            // Health verdicts that change without the objects changing reach the sync's events after each refresh.
            SyncChecks syncChecks = SyncChecks.start(prometheus, config.sync().healthInterval(), () -> sync.watch().ifPresent(ClusterWatch::reassess),
                    events, actions.drift());
            started.add(syncChecks);
            metrics.gauge("meshwright_kube_api_retries_total", "calls to the Kubernetes API server sent again after"
                    + " 429, 5xx or no answer", () -> lifecycle.retries().total());
            syncGauges(metrics, sync);
            HealthSections health = new HealthSections();
            Optional<NatsBridge> nats = natsSettings.map(settings -> nats(settings, config, events, sync, registryView, clock));
            nats.ifPresent(bridge -> {
                started.add(bridge);
                natsGauges(metrics, bridge);
                health.add("nats", bridge::status);
                // Objects deleted while the engine was down: their deletions reach the stream too, as an agent's do.
                sync.watch().ifPresent(watch -> bridge.publishMissedDeletions(sync.cluster(),
                        new MissedDeletions.Listing(watch::settled, watch::listedGroupKinds, watch::mayServe),
                        () -> sync.index().snapshot(sync.cluster())));
            });
            ApiContext context = new ApiContext(json, metrics, new BearerToken(token), events,
                    new EventStreams(events, json, Duration.ofSeconds(15)), actions, Optional.of(sync), health);
            // The composition root builds both transports, so neither api package depends on the other's builder.
            ApiServer server = ApiServer.start(config.host(), config.httpPort(), config.grpcPort(), context,
                    GrpcRoutes.routing(context), listener(config.listener()));
            if (!server.tls() && !isLoopback(config.host())) {
                LOG.warn("listening on {} without TLS: the API token and every design (Secret data included) cross the "
                        + "network in clear; start with --tls-cert FILE --tls-key FILE, or listen on 127.0.0.1", config.host());
            }
            // Work a previous run left unfinished (killed mid-apply, say) is finished in the background, so the
            // API is up at once; calls on those deployments wait for it.
            Thread.ofVirtual().name("resume").start(lifecycle::resumeInterrupted);
            // Runs missed while the engine was down run now, in the background, then each on time.
            modelGeneration.schedules().start(SCHEDULE_TICK);
            return new Engine(config, lock, database, events, plugins, token, server, lifecycle, modelGeneration, exposed,
                    sync, syncChecks, nats.orElse(null));
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    /**
     * The sync: the index of every cluster's objects and, unless {@code serve --no-sync}, the watch of the target
     * cluster, started in the background once a quick probe finds the cluster answering.
     */
    private static Sync sync(EngineConfig config, Lifecycle lifecycle, RegistryView registry, EventBus events,
            PrometheusHealth prometheus) {
        ClusterObjectIndex index = ClusterObjectIndex.following(events);
        if (!config.sync().enabled()) {
            return Sync.off(index, config.sync().cluster());
        }
        ClusterWatch watch = ClusterWatch.create(lifecycle.client(), config.sync().cluster(), registry,
                OriginLookup.inventory(lifecycle.inventory()), SyncSettings.defaults(), events, prometheus);
        KubeVersionProbe probe = new KubeVersionProbe(lifecycle.client(), Duration.ofSeconds(3));
        return Sync.watching(index, watch, () -> probe.probe().problem());
    }

    /** The NATS bridge, named by the data folder's publisher id, answering its own cluster's snapshots from the index. */
    private static NatsBridge nats(NatsSettings settings, EngineConfig config, EventBus events, Sync sync, RegistryView registry,
            Clock clock) {
        NatsSettings named = settings.publisherId().isEmpty()
                ? settings.withPublisher(PublisherId.loadOrCreate(config.dataDir(), new SecureRandom())) : settings;
        // Each cluster's snapshot is answered by whoever watches it: the engine for its own, an agent for its.
        ClusterObjectIndex index = sync.index();
        return NatsBridge.start(named, events, () -> index.snapshot(sync.cluster()), new RegistryStates(registry, clock),
                Optional.of(sync.cluster()), clock);
    }

    private static void natsGauges(Metrics metrics, NatsBridge bridge) {
        metrics.gauge("meshwright_nats_connected", "1 while connected to NATS", () -> bridge.status().connected() ? 1 : 0);
        metrics.gauge("meshwright_nats_buffered", "events waiting for JetStream's acknowledgement", () -> bridge.status().buffered());
        metrics.gauge("meshwright_nats_dropped_total", "events dropped because the buffer was full while NATS was away",
                () -> bridge.status().dropped());
        metrics.gauge("meshwright_nats_published_total", "events JetStream acknowledged", () -> bridge.status().published());
        metrics.gauge("meshwright_nats_reconnects_total", "times the NATS connection came back", () -> bridge.status().reconnects());
        metrics.gauge("meshwright_nats_received_total", "other publishers' object changes followed into the engine",
                () -> bridge.status().received());
    }

    private static List<ModelSource> withDiscovered(List<ModelSource> pluginSources, ModelSource discovered) {
        List<ModelSource> all = new ArrayList<>(pluginSources);
        all.add(discovered);
        return all;
    }

    private static void syncGauges(Metrics metrics, Sync sync) {
        metrics.gauge("meshwright_sync_objects", "objects the watch of the engine's own cluster holds",
                () -> sync.status().objects());
        metrics.gauge("meshwright_sync_informers", "informers (one per watched kind) of the engine's own cluster",
                () -> sync.status().informers());
        metrics.gauge("meshwright_sync_index_objects", "objects of every cluster in the sync's view",
                () -> sync.index().size());
    }

    private static ApiServer.ListenerSettings listener(EngineConfig.ListenerSettings settings) {
        return new ApiServer.ListenerSettings(settings.maxPayloadBytes(), settings.maxGrpcMessageBytes(),
                settings.tlsCertificate(), settings.tlsKey());
    }

    private static EngineStatus status(Lifecycle lifecycle, Database database, PluginHost plugins) {
        return new EngineStatus(EngineStatus.engineVersion(), ClusterTarget.of(lifecycle.client().getConfiguration()),
                new KubeVersionProbe(lifecycle.client(), Duration.ofSeconds(3)), database, plugins);
    }

    /** Every feature's schema migrations; each feature owns its own numbered list. */
    private static List<Migration> migrations() {
        List<Migration> all = new ArrayList<>();
        all.addAll(Registry.migrations());
        all.addAll(DesignStore.MIGRATIONS);
        all.addAll(LifecycleMigrations.all());
        all.addAll(ModelSourceMigrations.all());
        all.addAll(ConnectionMigrations.all());
        return List.copyOf(all);
    }

    private static Metrics metrics(PluginHost plugins, Clock clock) {
        Metrics metrics = new Metrics();
        long startedAt = clock.millis();
        metrics.gauge("meshwright_uptime_seconds", "seconds since the engine started", () -> (clock.millis() - startedAt) / 1000.0);
        metrics.gauge("meshwright_plugins_started", "plugins started", () -> count(plugins.plugins(), PluginStatus.STARTED));
        metrics.gauge("meshwright_plugins_failed", "plugins that failed to load or start", () -> count(plugins.plugins(), PluginStatus.FAILED));
        metrics.counter("meshwright_registry_imports_total", "registry imports, by outcome", "outcome");
        metrics.counter("meshwright_deployments_total", "deploy and undeploy calls, by operation and outcome", "operation", "outcome");
        return metrics;
    }

    private static long count(List<PluginInfo> plugins, PluginStatus status) {
        return plugins.stream().filter(p -> p.status() == status).count();
    }

    public EngineConfig config() {
        return config;
    }

    public int httpPort() {
        return server.httpPort();
    }

    public int grpcPort() {
        return server.grpcPort();
    }

    /** {@code http://host:port} ({@code https} with TLS), where the CLI finds the engine. */
    public String httpUrl() {
        return (server.tls() ? "https://" : "http://") + config.host() + ":" + httpPort();
    }

    /**
     * What the engine warned about at start that the operator should fix: data files others may read, and
     * listening beyond loopback without TLS.
     */
    public List<String> startWarnings() {
        List<String> all = new ArrayList<>(startWarnings);
        if (!server.tls() && !isLoopback(config.host())) {
            all.add("listening on " + config.host() + " without TLS: the API token and designs cross the network in clear; "
                    + "start with --tls-cert FILE --tls-key FILE");
        }
        return all;
    }

    private static boolean isLoopback(String host) {
        try {
            return java.net.InetAddress.getByName(host).isLoopbackAddress() || host.equals("localhost");
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** The API token clients must present. */
    public String token() {
        return token;
    }

    public EventBus events() {
        return events;
    }

    public PluginHost plugins() {
        return plugins;
    }

    public Database database() {
        return database;
    }

    /** The deploy/undeploy lifecycle. */
    public Deployments deployments() {
        return lifecycle.deployments();
    }

    /** The sync: every cluster's objects and the watch of the engine's own cluster. */
    public Sync sync() {
        return sync;
    }

    /** The NATS bridge, when started with NATS settings. */
    public Optional<NatsBridge> nats() {
        return Optional.ofNullable(nats);
    }

    /** Model sources, the generate action and generation schedules. */
    public ModelGeneration modelGeneration() {
        return modelGeneration;
    }

    /**
     * Stops gracefully: first drains the lifecycle (new work is refused with 503 while the listeners still answer;
     * running deploys and undeploys get until the shutdown timeout; what is still running then is recorded as
     * interrupted, for the next start to resume), then stops the listeners, the generation schedules, the cluster
     * client, the plugins and the store.
     */
    @Override
    public void close() {
        try {
            List<String> interrupted = lifecycle.drain(config.shutdownTimeout());
            if (!interrupted.isEmpty()) {
                LOG.warn("stopped during the work on {} deployment(s), recorded as interrupted; the next start resumes"
                        + " them: {}", interrupted.size(), interrupted);
            }
        } catch (RuntimeException e) {
            LOG.warn("draining the lifecycle failed: {}", e.toString());
        }
        List<AutoCloseable> parts = new ArrayList<>(List.of(lock, database, plugins, lifecycle, sync, syncChecks, modelGeneration.schedules(), server));
        if (nats != null) {
            parts.add(3, nats); // closed after the lifecycle's drain, so its last events still go out
        }
        closeAll(parts);
    }

    /** Closes in reverse order, each even when an earlier one fails. */
    private static void closeAll(List<? extends AutoCloseable> parts) {
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", parts.get(i).getClass().getSimpleName(), e.toString());
            }
        }
    }
}
