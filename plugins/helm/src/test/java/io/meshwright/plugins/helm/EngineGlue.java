package io.meshwright.plugins.helm;

import io.meshwright.engine.cluster.ApplierSettings;
import io.meshwright.engine.cluster.KubeClients;
import io.meshwright.engine.cluster.KubeTargetCluster;
import io.meshwright.engine.events.EventBus;
import io.meshwright.engine.inventory.CrashPoints;
import io.meshwright.engine.inventory.Inventory;
import io.meshwright.engine.lifecycle.LifecycleMigrations;
import io.meshwright.engine.registry.Registry;
import io.meshwright.engine.store.Database;
import io.meshwright.engine.store.Migration;
import io.meshwright.plugins.helm.deploy.Kubeconfigs;
import io.meshwright.spi.deploy.DeleteOutcome;
import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.InventoryStatus;
import io.meshwright.spi.extension.ClusterApplier;
import io.meshwright.spi.extension.RegistryView;
import io.meshwright.testkit.ClusterHandle;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The one place these tests reach into the engine's current classes (issue 12 is reshaping them): an applier
 * with a real SQLite inventory journal over the test cluster, the kubeconfig Helm uses, and a stand-in for the
 * engine's sweep of what a deployer leaves in the inventory. Re-point this class, not the tests.
 */
public final class EngineGlue implements AutoCloseable {

    private final Database database;
    private final Inventory journal;
    private final KubeTargetCluster cluster;
    private final KubernetesClient client;
    private final Registry registry;
    private final String kubeconfig;

    public EngineGlue(ClusterHandle handle, Path dataDir) {
        List<Migration> migrations = new ArrayList<>(Registry.migrations());
        migrations.addAll(LifecycleMigrations.all());
        this.database = Database.open(dataDir.resolve("meshwright.db"), migrations);
        EventBus events = new EventBus(Clock.systemUTC());
        this.journal = new Inventory(database, events, Clock.systemUTC(), CrashPoints.none());
        this.registry = new Registry(database, Clock.systemUTC());
        this.client = KubeClients.create(handle.client().getConfiguration());
        this.cluster = new KubeTargetCluster(client, Clock.systemUTC(), events, ApplierSettings.defaults());
        try {
            this.kubeconfig = Files.readString(handle.kubeconfig());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ClusterApplier applier(String deploymentId) {
        return journal.applier(deploymentId, cluster, false);
    }

    /** The engine's own way: the applier's cluster view hands out the kubeconfig. */
    public Kubeconfigs kubeconfigs() {
        return applier -> applier.view().kubeconfig();
    }

    public String kubeconfig() {
        return kubeconfig;
    }

    public RegistryView registry() {
        return registry.view();
    }

    /** The deployment's records that still stand (intended or confirmed). */
    public List<InventoryEntry> inventory(String deploymentId) {
        return journal.entries(deploymentId).stream()
                .filter(e -> e.status() == InventoryStatus.INTENDED || e.status() == InventoryStatus.CONFIRMED).toList();
    }

    /**
     * What the engine does after every part's undeploy (issue 12): deletes what is still in the inventory,
     * CRDs after the rest and namespaces last. (The engine also applies its CRD rule; these tests' CRDs have no
     * custom resources left by then.)
     */
    public List<DeleteOutcome> sweep(String deploymentId) {
        List<InventoryEntry> left = new ArrayList<>(inventory(deploymentId));
        left.sort(Comparator.comparingInt(EngineGlue::stage));
        List<DeleteOutcome> outcomes = new ArrayList<>();
        for (int stage = 0; stage < 3; stage++) {
            int s = stage;
            List<InventoryEntry> batch = left.stream().filter(e -> stage(e) == s).toList();
            outcomes.addAll(applier(deploymentId).deleteAll(batch, Duration.ofSeconds(60), 8));
        }
        return outcomes;
    }

    private static int stage(InventoryEntry entry) {
        return switch (entry.ref().gvk().kind()) {
            case "CustomResourceDefinition" -> 1;
            case "Namespace" -> 2;
            default -> 0;
        };
    }

    @Override
    public void close() {
        client.close();
        database.close();
    }
}
