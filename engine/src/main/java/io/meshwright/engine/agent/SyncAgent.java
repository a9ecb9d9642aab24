package io.meshwright.engine.agent;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwright.engine.cluster.KubeClients;
import io.meshwright.engine.events.EventBus;
import io.meshwright.engine.nats.NatsBridge;
import io.meshwright.engine.nats.NatsStatus;
import io.meshwright.engine.status.KubeVersionProbe;
import io.meshwright.engine.sync.ClusterObjectIndex;
import io.meshwright.engine.sync.ClusterWatch;
import io.meshwright.engine.sync.OriginLookup;
import io.meshwright.engine.sync.Sync;
import io.meshwright.engine.sync.SyncSettings;
import io.meshwright.spi.event.Event;
import io.meshwright.spi.sync.ClusterObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code meshwright sync}: the watcher of one cluster as a process of its own, publishing to NATS JetStream the same
 * subjects as the engine, with no store and no HTTP server. Origin comes from the {@code meshwright.io/deployment}
 * label (no inventory here); with no registry either, objects are DISCOVERED (the engine that follows keeps them as
 * published). Killed and restarted, it resumes without losing or duplicating state for a consumer: what it lists
 * again at the same resource version has the message id it had (JetStream drops the repeat within the duplicate
 * window; a consumer keyed by object sees the same state after it), and once its watch has listed everything it
 * publishes a deletion for each object the stream still holds but the cluster no longer has.
 */
public final class SyncAgent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyncAgent.class);

    private final AgentSettings settings;
    private final KubernetesClient client;
    private final EventBus bus;
    private final ClusterObjectIndex index;
    private final NatsBridge nats;
    private final Sync sync;
    private final Thread resume;
    private volatile int resumedDeletions = -1;

    private SyncAgent(AgentSettings settings, Clock clock) {
        this.settings = settings;
        this.client = KubeClients.create(kubeConfig(settings));
        this.bus = new EventBus(clock);
        this.index = ClusterObjectIndex.following(bus);
        this.nats = NatsBridge.start(settings.nats(), bus, () -> index.snapshot(settings.cluster()), clock);
        ClusterWatch watch = ClusterWatch.create(client, settings.cluster(), new NoRegistry(), OriginLookup.label(),
                SyncSettings.defaults(), bus);
        KubeVersionProbe probe = new KubeVersionProbe(client, Duration.ofSeconds(3));
        this.sync = Sync.watching(index, watch, () -> probe.probe().problem());
        this.resume = Thread.ofVirtual().name("agent-resume").start(this::publishDeletionsMissed);
    }

    /** Starts watching and publishing in the background; returns at once. */
    public static SyncAgent start(AgentSettings settings, Clock clock) {
        return new SyncAgent(settings, clock);
    }

    public AgentSettings settings() {
        return settings;
    }

    public NatsStatus nats() {
        return nats.status();
    }

    public Sync.Status sync() {
        return sync.status();
    }

    /** Deletions published for objects that went while the agent was away; -1 until that check is done. */
    public int resumedDeletions() {
        return resumedDeletions;
    }

    /**
     * Once the watch has listed every kind and NATS has what it published, every object whose last change in the
     * stream is not a deletion but which the cluster no longer has gets its deletion now.
     */
    private void publishDeletionsMissed() {
        try {
            while (!(sync.status().synced() && nats.ready() && nats.status().buffered() == 0)) {
                Thread.sleep(200);
            }
            Map<String, Event.ClusterObjectChanged> last = nats.lastChanges(settings.cluster());
            Set<String> live = index.snapshot(settings.cluster()).stream().map(ClusterObject::key).collect(Collectors.toSet());
            int published = 0;
            for (Event.ClusterObjectChanged change : last.values()) {
                if (change.change() != Event.ClusterObjectChanged.Change.DELETED && !live.contains(change.object().key())) {
                    bus.publish(new Event.ClusterObjectChanged(settings.cluster(), Event.ClusterObjectChanged.Change.DELETED,
                            change.object(), bus.clock().instant()));
                    published++;
                }
            }
            resumedDeletions = published;
            LOG.info("sync agent: {} object(s) in the stream, {} live, {} deletion(s) published for objects gone meanwhile",
                    last.size(), live.size(), published);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("sync agent: could not compare the stream with the cluster: {}", e.toString());
        }
    }

    private static Config kubeConfig(AgentSettings settings) {
        String context = settings.context().orElse(null);
        if (settings.kubeconfig().isEmpty()) {
            return Config.autoConfigure(context);
        }
        Path file = settings.kubeconfig().get();
        try {
            return Config.fromKubeconfig(context, Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kubeconfig " + file + ": " + e.getMessage(), e);
        }
    }

    /** Stops the watch, then gives NATS a moment for what is still buffered. */
    @Override
    public void close() {
        resume.interrupt();
        sync.close();
        nats.close();
        client.close();
    }
}
