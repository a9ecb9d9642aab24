package io.meshwright.engine;

import io.meshwright.engine.api.ApiContext;
import io.meshwright.engine.api.ApiServer;
import io.meshwright.engine.api.BearerToken;
import io.meshwright.engine.api.EventStreams;
import io.meshwright.engine.api.Json;
import io.meshwright.engine.api.Metrics;
import io.meshwright.engine.api.TokenFile;
import io.meshwright.engine.events.EventBus;
import io.meshwright.engine.design.DesignStore;
import io.meshwright.engine.lifecycle.Deployments;
import io.meshwright.engine.lifecycle.LifecycleMigrations;
import io.meshwright.engine.plugins.PluginHost;
import io.meshwright.engine.plugins.PluginInfo;
import io.meshwright.engine.plugins.PluginStatus;
import io.meshwright.engine.registry.Registry;
import io.meshwright.engine.store.Database;
import io.meshwright.engine.store.Migration;
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
    private final Database database;
    private final EventBus events;
    private final PluginHost plugins;
    private final String token;
    private final ApiServer server;
    private final Lifecycle lifecycle;

    private Engine(EngineConfig config, Database database, EventBus events, PluginHost plugins, String token,
            ApiServer server, Lifecycle lifecycle) {
        this.config = config;
        this.database = database;
        this.events = events;
        this.plugins = plugins;
        this.token = token;
        this.server = server;
        this.lifecycle = lifecycle;
    }

    /** Starts an engine; returns once it listens. */
    public static Engine start(EngineConfig config, Clock clock) {
        String token = TokenFile.loadOrCreate(config.dataDir(), new SecureRandom());
        Database database = Database.open(config.databaseFile(), migrations());
        List<AutoCloseable> started = new ArrayList<>(List.of(database));
        try {
            EventBus events = new EventBus(clock);
            Registry registry = new Registry(database, clock);
            RegistryView registryView = registry.view();
            PluginHost plugins = new PluginHost(config.pluginRoots(), pluginId -> new PluginContext(
                    registryView, events, clock, config.pluginDataDir().resolve(pluginId)));
            started.add(plugins);
            plugins.load();

            Lifecycle lifecycle = Lifecycle.wire(config, database, registryView, events, plugins, clock);
            started.add(lifecycle);

            Json json = new Json();
            Metrics metrics = metrics(plugins, clock);
            metrics.gauge("meshwright_kube_api_retries_total", "calls to the Kubernetes API server sent again after"
                    + " 429, 5xx or no answer", () -> lifecycle.retries().total());
            ApiContext context = new ApiContext(json, metrics, new BearerToken(token), events,
                    new EventStreams(events, json, Duration.ofSeconds(15)), plugins, registry,
                    Optional.of(lifecycle.deployments()), Optional.of(lifecycle.designReader()),
                    Optional.of(lifecycle.designTools()), clock);
            ApiServer server = ApiServer.start(config.host(), config.httpPort(), config.grpcPort(), context);
            // Work a previous run left unfinished (killed mid-apply, say) is finished in the background, so the
            // API is up at once; calls on those deployments wait for it.
            Thread.ofVirtual().name("resume").start(lifecycle::resumeInterrupted);
            return new Engine(config, database, events, plugins, token, server, lifecycle);
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    /** Every feature's schema migrations; each feature owns its own numbered list. */
    private static List<Migration> migrations() {
        List<Migration> all = new ArrayList<>();
        all.addAll(Registry.migrations());
        all.addAll(DesignStore.MIGRATIONS);
        all.addAll(LifecycleMigrations.all());
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

    /** {@code http://host:port}, where the CLI finds the engine. */
    public String httpUrl() {
        return "http://" + config.host() + ":" + httpPort();
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

    /**
     * Stops gracefully: first drains the lifecycle (new work is refused with 503 while the listeners still answer;
     * running deploys and undeploys get until the shutdown timeout; what is still running then is recorded as
     * interrupted, for the next start to resume), then stops the listeners, the cluster client, the plugins and
     * the store.
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
        closeAll(List.of(database, plugins, lifecycle, server));
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
