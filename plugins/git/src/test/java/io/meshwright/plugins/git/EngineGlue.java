package io.meshwright.plugins.git;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
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
import io.meshwright.spi.deploy.DeleteOutcome;
import io.meshwright.spi.deploy.InventoryEntry;
import io.meshwright.spi.deploy.InventoryStatus;
import io.meshwright.spi.extension.ClusterApplier;
import io.meshwright.testkit.ClusterHandle;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The one place these tests reach into the engine's classes: a journaling applier with a real SQLite inventory
 * over the test cluster, a stand-in for the engine's sweep after undeploy, and a label scan of every served kind.
 */
public final class EngineGlue implements AutoCloseable {

    private static final String LABEL = "meshwright.io/deployment";

    private final Database database;
    private final Inventory journal;
    private final KubeTargetCluster cluster;
    private final KubernetesClient client;

    public EngineGlue(ClusterHandle handle, Path dataDir) {
        List<Migration> migrations = new ArrayList<>(Registry.migrations());
        migrations.addAll(LifecycleMigrations.all());
        this.database = Database.open(dataDir.resolve("meshwright.db"), migrations);
        EventBus events = new EventBus(Clock.systemUTC());
        this.journal = new Inventory(database, events, Clock.systemUTC(), CrashPoints.none());
        this.client = KubeClients.create(handle.client().getConfiguration());
        this.cluster = new KubeTargetCluster(client, Clock.systemUTC(), events, ApplierSettings.defaults());
    }

    public ClusterApplier applier(String deploymentId) {
        return journal.applier(deploymentId, cluster, false);
    }

    /** The deployment's records that still stand (intended or confirmed). */
    public List<InventoryEntry> inventory(String deploymentId) {
        return journal.entries(deploymentId).stream()
                .filter(e -> e.status() == InventoryStatus.INTENDED || e.status() == InventoryStatus.CONFIRMED).toList();
    }

    /** What the engine does after every part's undeploy: deletes what the inventory holds, CRDs after the rest, namespaces last. */
    public List<DeleteOutcome> sweep(String deploymentId) {
        List<DeleteOutcome> outcomes = new ArrayList<>();
        for (int stage = 0; stage < 3; stage++) {
            int s = stage;
            List<InventoryEntry> batch = inventory(deploymentId).stream().filter(e -> stage(e) == s).toList();
            outcomes.addAll(applier(deploymentId).deleteAll(batch, Duration.ofSeconds(60), 8));
        }
        return outcomes;
    }

    /** {@code Kind/namespace/name} of every object of any served kind carrying the deployment's label. */
    public List<String> labelled(String deploymentId) {
        List<String> groupVersions = new ArrayList<>(List.of("v1"));
        for (APIGroup group : client.getApiGroups().getGroups()) {
            groupVersions.add(group.getPreferredVersion().getGroupVersion());
        }
        TreeSet<String> found = new TreeSet<>();
        for (String groupVersion : groupVersions) {
            APIResourceList resources = client.getApiResources(groupVersion);
            if (resources == null) {
                continue;
            }
            for (APIResource resource : resources.getResources()) {
                if (resource.getName().contains("/") || !resource.getVerbs().contains("list")) {
                    continue;
                }
                for (GenericKubernetesResource item : client.genericKubernetesResources(groupVersion, resource.getKind())
                        .inAnyNamespace().withLabel(LABEL, deploymentId).list().getItems()) {
                    String namespace = item.getMetadata().getNamespace();
                    found.add(resource.getKind() + "/" + (namespace == null ? "" : namespace + "/") + item.getMetadata().getName());
                }
            }
        }
        return List.copyOf(found);
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
