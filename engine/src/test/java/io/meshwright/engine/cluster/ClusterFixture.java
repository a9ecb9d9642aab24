package io.meshwright.engine.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwright.engine.events.EventBus;
import io.meshwright.spi.event.Event;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** One applier wired to a real cluster, with its journal and the events it published. */
final class ClusterFixture {

    final KubernetesClient client;
    final Clock clock = Clock.systemUTC();
    final String deploymentId = "d-" + UUID.randomUUID().toString().substring(0, 8);
    final RecordingJournal journal = new RecordingJournal();
    final List<Event> events = new CopyOnWriteArrayList<>();
    final Discovery discovery;
    final KubeClusterApplier applier;

    ClusterFixture(KubernetesClient client, String namespace) {
        this.client = client;
        EventBus bus = new EventBus(clock);
        bus.subscribe(e -> true, events::add);
        this.discovery = Discovery.of(client, clock);
        this.applier = new KubeClusterApplier(client, discovery, journal, deploymentId, clock, bus,
                ApplierSettings.defaults().withDefaultNamespace(namespace));
    }
}
