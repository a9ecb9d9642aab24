package io.meshwright.testbed.lifecycle;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwright.engine.cluster.ApplierSettings;
import io.meshwright.engine.cluster.KubeClients;
import io.meshwright.engine.cluster.KubeTargetCluster;
import io.meshwright.engine.design.BuiltinKinds;
import io.meshwright.engine.design.DesignParseResult;
import io.meshwright.engine.design.DesignParser;
import io.meshwright.engine.design.ServedKinds;
import io.meshwright.engine.events.EventBus;
import io.meshwright.engine.lifecycle.DependencyInstaller;
import io.meshwright.engine.lifecycle.DeployerSelector;
import io.meshwright.engine.lifecycle.DeploymentStore;
import io.meshwright.engine.lifecycle.EngineDesignChecks;
import io.meshwright.engine.lifecycle.LifecycleMigrations;
import io.meshwright.engine.lifecycle.LifecycleService;
import io.meshwright.engine.lifecycle.ManifestDeployer;
import io.meshwright.engine.fetch.UrlFetcher;
import io.meshwright.engine.inventory.CrashPoints;
import io.meshwright.engine.inventory.Inventory;
import io.meshwright.engine.plan.KindOrder;
import io.meshwright.engine.registry.Registry;
import io.meshwright.engine.store.Database;
import io.meshwright.engine.store.Migration;
import io.meshwright.spi.design.Design;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The lifecycle assembled over a data directory and a cluster, as the engine assembles it, for end-to-end
 * scenarios, crash trials and benchmarks. Closing it closes the store and its own client.
 */
public final class LifecycleRig implements AutoCloseable {

    private final KubernetesClient client;
    private final Database database;
    private final Registry registry;
    private final EventBus events;
    private final KubeTargetCluster cluster;
    private final LifecycleService lifecycle;
    private final Inventory inventory;
    private final DesignParser parser = new DesignParser();

    public LifecycleRig(Path dataDir, KubernetesClient given) {
        Clock clock = Clock.systemUTC();
        // The engine's own client settings (Lifecycle wires it the same way), not the test client's.
        this.client = KubeClients.create(given.getConfiguration());
        List<Migration> migrations = new ArrayList<>(Registry.migrations());
        migrations.addAll(LifecycleMigrations.all());
        this.database = Database.open(dataDir.resolve("meshwright.db"), migrations);
        this.registry = new Registry(database, clock);
        this.events = new EventBus(clock);
        this.inventory = new Inventory(database, events, clock, CrashPoints.none());
        this.cluster = new KubeTargetCluster(client, clock, events, ApplierSettings.defaults()
                .withEngineId(io.meshwright.engine.lifecycle.EngineId.loadOrCreate(dataDir)));
        KindOrder kindOrder = KindOrder.defaults();
        EngineDesignChecks checks = new EngineDesignChecks(registry.view(), ServedKinds.of(cluster.view()),
                BuiltinKinds.load(), kindOrder,
                "default");
        this.lifecycle = new LifecycleService(new DeploymentStore(database, clock), inventory, cluster, checks,
                new DeployerSelector(List::of, List.of(new ManifestDeployer(16))), kindOrder,
                // The rig's model sources are files the test wrote: local files allowed, as with --allow-private-urls.
                new DependencyInstaller(registry.view(), parser, new UrlFetcher(UrlFetcher.Settings.defaults()
                        .withAllowPrivate(true)), true), events, clock, "default", 16);
    }

    public LifecycleService lifecycle() {
        return lifecycle;
    }

    public Inventory inventory() {
        return inventory;
    }

    public Database database() {
        return database;
    }

    /** The one Kubernetes object in {@code yaml}, as the fabric8 type of its kind. */
    @SuppressWarnings("unchecked")
    public <T extends io.fabric8.kubernetes.api.model.HasMetadata> T parseObject(String yaml) {
        return (T) io.fabric8.kubernetes.client.utils.Serialization.unmarshal(yaml);
    }

    public EventBus events() {
        return events;
    }

    public Registry registry() {
        return registry;
    }

    public KubeTargetCluster cluster() {
        return cluster;
    }

    /** Parses a design, failing with every problem when it has errors. */
    public Design parse(String text, String name) {
        DesignParseResult result = parser.parse(text, name);
        if (result.hasErrors()) {
            throw new IllegalArgumentException("design " + name + " has errors: " + result.errors());
        }
        return result.design().orElseThrow();
    }

    @Override
    public void close() {
        client.close();
        database.close();
    }
}
