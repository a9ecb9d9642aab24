package io.meshwright.engine.agent;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwright.engine.cluster.KubeClients;
import io.meshwright.engine.events.EventBus;
import io.meshwright.engine.nats.MissedDeletions;
import io.meshwright.engine.nats.NatsBridge;
import io.meshwright.engine.nats.NatsStatus;
import io.meshwright.engine.status.KubeVersionProbe;
import io.meshwright.engine.sync.ClusterObjectIndex;
import io.meshwright.engine.sync.ClusterWatch;
import io.meshwright.engine.sync.OriginLookup;
import io.meshwright.engine.sync.Sync;
import io.meshwright.engine.sync.SyncSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

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

    private final AgentSettings settings;
    private final KubernetesClient client;
    private final EventBus bus;
    private final ClusterObjectIndex index;
    private final NatsBridge nats;
    private final Sync sync;
    private final MissedDeletions resume;

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
        this.resume = nats.publishMissedDeletions(settings.cluster(), new MissedDeletions.Listing(watch::settled,
                watch::listedGroupKinds, watch::mayServe),
                () -> index.snapshot(settings.cluster()));
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
        return resume.published();
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
        sync.close();
        nats.close();
        client.close();
    }
}
