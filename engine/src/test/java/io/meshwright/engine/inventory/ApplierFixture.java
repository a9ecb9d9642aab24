package io.meshwright.engine.inventory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwright.engine.cluster.ApplierSettings;
import io.meshwright.engine.cluster.KubeTargetCluster;
import io.meshwright.engine.events.EventBus;
import io.meshwright.spi.event.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** The journaling applier over a real cluster, recording into a journal that remembers the order of its calls. */
final class ApplierFixture {

    final KubernetesClient client;
    final Clock clock = Clock.systemUTC();
    final String deploymentId = "d-" + UUID.randomUUID().toString().substring(0, 8);
    final RecordingJournal journal = new RecordingJournal();
    final List<Event> events = new CopyOnWriteArrayList<>();
    final KubeTargetCluster cluster;
    final JournalingApplier applier;
    private final EventBus bus = new EventBus(clock);

    ApplierFixture(KubernetesClient client, String namespace) {
        this.client = client;
        bus.subscribe(e -> true, events::add);
        this.cluster = new KubeTargetCluster(client, clock, bus, ApplierSettings.defaults().withDefaultNamespace(namespace));
        this.applier = applier(false);
    }

    JournalingApplier adopting() {
        return applier(true);
    }

    private JournalingApplier applier(boolean adopt) {
        return new JournalingApplier(journal, cluster.objects(), cluster.view(), deploymentId, adopt, bus, clock,
                CrashPoints.none());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(String text) {
        try {
            return new ObjectMapper(new YAMLFactory()).readValue(text, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
