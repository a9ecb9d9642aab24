package io.meshwright.engine.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwright.engine.events.EventBus;
import io.meshwright.engine.inventory.CrashPoints;
import io.meshwright.engine.inventory.Inventory;
import io.meshwright.engine.inventory.JournalingApplier;
import io.meshwright.engine.lifecycle.LifecycleMigrations;
import io.meshwright.engine.store.Database;
import io.meshwright.spi.event.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** Real parts for cluster tests: the target cluster, a real inventory in a throw-away store, and its applier. */
final class ClusterFixture {

    final KubernetesClient client;
    final Clock clock = Clock.systemUTC();
    final String deploymentId = "d-" + UUID.randomUUID().toString().substring(0, 8);
    final List<Event> events = new CopyOnWriteArrayList<>();
    final Discovery discovery;
    final KubeTargetCluster cluster;
    final Inventory journal;
    final JournalingApplier applier;

    ClusterFixture(KubernetesClient client, String namespace) {
        this.client = client;
        EventBus bus = new EventBus(clock);
        bus.subscribe(e -> true, events::add);
        this.discovery = Discovery.of(client, clock);
        this.cluster = new KubeTargetCluster(client, clock, bus, ApplierSettings.defaults().withDefaultNamespace(namespace));
        try {
            Database database = Database.open(Files.createTempDirectory("inventory").resolve("db"), LifecycleMigrations.all());
            this.journal = new Inventory(database, bus, clock, CrashPoints.none());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.applier = journal.applier(deploymentId, cluster, false);
    }

    /** An applier of the same deployment that may take over objects Meshwright did not make. */
    JournalingApplier adopting() {
        return journal.applier(deploymentId, cluster, true);
    }
}
