package io.meshwright.engine.sync;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.meshwright.engine.cluster.Discovery;
import io.meshwright.engine.cluster.ServedResource;
import io.meshwright.spi.event.Event.ClusterObjectChanged;
import io.meshwright.spi.event.Event.ClusterObjectChanged.Change;
import io.meshwright.spi.event.EventSink;
import io.meshwright.spi.extension.RegistryView;
import io.meshwright.spi.model.Gvk;
import io.meshwright.spi.sync.ClusterObject;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one cluster: a fabric8 informer per served group-kind the {@link SyncSettings} select (at the group's
 * preferred version), each change published as a {@link ClusterObjectChanged} (ADDED for every object found at
 * start). When CRDs appear or disappear, discovery is refreshed after a short quiet period and only the informers
 * of kinds that came or went are started or stopped. The registry is asked again periodically, so objects of a
 * kind that gets a definition move from DISCOVERED to REGISTERED (one MODIFIED each).
 *
 * <p>Memory: besides fabric8's informer caches (slimmed by {@link SlimStore}: no Secret or ConfigMap data, no CRD schemas, no managed fields),
 * one small entry per object (its uid, which the cache already holds, and a code of what was last published).
 */
public final class ClusterWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterWatch.class);
    static final String CRD = "CustomResourceDefinition.apiextensions.k8s.io";
    private static final long LIST_PAGE = 500;

    private final KubernetesClient client;
    private final String cluster;
    private final SyncSettings settings;
    private final EventSink sink;
    private final Classifier classifier;
    private final Discovery discovery;
    private final Map<String, Watched> watched = new ConcurrentHashMap<>();
    private final Map<String, Integer> published = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private ScheduledFuture<?> pendingAdjust;
    private volatile boolean started;
    private volatile boolean closed;
    /** An adjustment ran after the CRD informer had listed: the custom-resource informers the CRDs call for run. */
    private volatile boolean adjustedAfterCrdsListed;

    private ClusterWatch(KubernetesClient client, String cluster, SyncSettings settings, EventSink sink, Classifier classifier,
            Clock clock) {
        this.client = client;
        this.cluster = cluster;
        this.settings = settings;
        this.sink = sink;
        this.classifier = classifier;
        this.discovery = Discovery.of(client, clock);
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("sync-" + cluster).factory());
    }

    /**
     * A watch of {@code client}'s cluster, named {@code cluster} in every event, health from status only. Nothing
     * runs until {@link #start()}.
     *
     * @param registry decides REGISTERED vs DISCOVERED
     * @param origins  decides greenfield (with the deployment) vs brownfield
     * @param sink     receives every change (the engine's event bus, or the agent's NATS publisher)
     */
    public static ClusterWatch create(KubernetesClient client, String cluster, RegistryView registry, OriginLookup origins,
            SyncSettings settings, EventSink sink) {
        return create(client, cluster, registry, origins, settings, sink, HealthSource.none());
    }

    /** The same, with {@code health} combined with status health (see {@link HealthSource}). */
    public static ClusterWatch create(KubernetesClient client, String cluster, RegistryView registry, OriginLookup origins,
            SyncSettings settings, EventSink sink, HealthSource health) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(cluster, "cluster");
        return new ClusterWatch(client, cluster, settings, sink, new Classifier(cluster, registry, origins, health),
                sink.clock());
    }

    /**
     * Reads what the cluster serves and starts the informers of the selected built-in kinds (custom resources
     * follow once the CRD informer has listed the CRDs); returns without waiting for their first lists. Throws when
     * discovery fails (the cluster does not answer): call again later.
     */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("the watch of " + cluster + " is closed");
        }
        if (started) {
            return;
        }
        discovery.refresh();
        adjustInformers();
        started = true;
        long every = settings.registryRecheck().toMillis();
        timer.scheduleWithFixedDelay(this::recheckRegistry, every, every, TimeUnit.MILLISECONDS);
    }

    /** The cluster's name in events. */
    public String cluster() {
        return cluster;
    }

    /** Whether {@link #start()} succeeded. */
    public boolean started() {
        return started;
    }

    /** Whether every informer has listed its kind once. */
    public boolean synced() {
        return started && watched.values().stream().allMatch(w -> w.informer().hasSynced());
    }

    /**
     * Group-kinds ({@code Kind.group}) watched now by an informer that has listed them once: only for these is the
     * absence of an object from the caches news (another kind's informer may not exist yet, or still be listing).
     */
    public Set<String> listedGroupKinds() {
        if (!started) {
            return Set.of();
        }
        return watched.entrySet().stream().filter(e -> e.getValue().informer().hasSynced()).map(Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /**
     * Whether the cluster may still serve {@code groupKind} ({@code Kind.group}) as of the last discovery: it is
     * served, or its group's discovery failed (an aggregated API that is down says nothing). A kind this answers false
     * for has no objects left: its CRD is gone.
     */
    public boolean mayServe(String groupKind) {
        if (discovery.preferredResources().stream().anyMatch(r -> r.gvk().groupKind().equals(groupKind))) {
            return true;
        }
        int dot = groupKind.indexOf('.');
        String group = dot < 0 ? "" : groupKind.substring(dot + 1);
        return discovery.unavailable().keySet().stream()
                .anyMatch(groupVersion -> io.meshwright.spi.model.Gvk.of(groupVersion, "_").group().equals(group));
    }

    /**
     * Whether the informers are the ones the cluster calls for and have listed: every informer has, the CRD informer
     * among them, and the adjustment that follows the CRD informer's events (after the debounce) has started the
     * custom-resource informers and they have listed too. At start {@link #synced()} is true before that: the
     * custom-resource informers do not exist yet.
     */
    public boolean settled() {
        if (!synced()) {
            return false;
        }
        Watched crds = watched.get(CRD);
        if (crds == null) {
            return true; // custom resources are not watched
        }
        synchronized (this) {
            if (pendingAdjust != null && !pendingAdjust.isDone()) {
                return false;
            }
        }
        return adjustedAfterCrdsListed || crdKinds().isEmpty();
    }

    /**
     * Kinds whose informer has no open watch now (still listing, or reconnecting after the API server went away:
     * fabric8 retries by itself), sorted.
     */
    public List<Gvk> notWatching() {
        return watched.values().stream().filter(w -> !w.informer().isWatching()).map(w -> w.resource().gvk())
                .sorted(Comparator.comparing(Gvk::groupKind)).toList();
    }

    /** The kinds watched now, at the version watched, sorted. */
    public List<Gvk> watchedKinds() {
        return watched.values().stream().map(w -> w.resource().gvk())
                .sorted(Comparator.comparing(Gvk::groupKind)).toList();
    }

    /** Running informers. */
    public int informers() {
        return watched.size();
    }

    /** Objects in the informers' caches. */
    public long objects() {
        return watched.values().stream().mapToLong(w -> w.informer().getStore().list().size()).sum();
    }

    /** What the informer of {@code groupKind} holds now (for tests: what the cache keeps). */
    List<GenericKubernetesResource> cached(String groupKind) {
        Watched w = watched.get(groupKind);
        return w == null ? List.of() : w.informer().getStore().list();
    }

    /**
     * Asks the registry again about every watched kind and publishes MODIFIED for the objects of kinds whose answer
     * changed (after {@code model generate}, say); runs by itself every {@link SyncSettings#registryRecheck()}.
     */
    public void refreshRegistrations() {
        for (Watched w : List.copyOf(watched.values())) {
            if (classifier.recheck(w.resource().gvk())) {
                w.informer().getStore().list().forEach(object -> publishIfChanged(w.resource().gvk(), object));
            }
        }
    }

    /**
     * Classifies every cached object again and publishes MODIFIED for each whose state, origin, deployment or
     * health changed (for a {@link HealthSource} whose verdicts changed without the objects changing).
     */
    public void reassess() {
        for (Watched w : List.copyOf(watched.values())) {
            w.informer().getStore().list().forEach(object -> publishIfChanged(w.resource().gvk(), object));
        }
    }

    /**
     * Stops every informer; publishes nothing more. Marks itself closed under the same lock as
     * {@link #adjustInformers()}, so an adjustment running on the timer cannot start an informer after the ones
     * running were stopped (it would run, unseen, until the JVM ends); the informers stop outside the lock, since
     * their handlers may be waiting for it.
     */
    @Override
    public void close() {
        List<Watched> running;
        synchronized (this) {
            closed = true;
            running = List.copyOf(watched.values());
            watched.clear();
        }
        timer.shutdownNow();
        running.forEach(w -> w.informer().stop());
        published.clear();
    }

    private void recheckRegistry() {
        try {
            refreshRegistrations();
        } catch (RuntimeException e) {
            LOG.warn("sync of {}: asking the registry again failed: {}", cluster, String.valueOf(e.getMessage()));
        }
    }

    /** A CRD came, went or changed: adjust the informers once things are quiet for the debounce period. */
    private synchronized void crdsChanged() {
        if (closed) {
            return;
        }
        if (pendingAdjust != null) {
            pendingAdjust.cancel(false);
        }
        pendingAdjust = timer.schedule(this::refreshAndAdjust, settings.debounce().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void refreshAndAdjust() {
        try {
            discovery.refresh();
            adjustInformers();
        } catch (RuntimeException e) {
            LOG.warn("sync of {}: discovery after a CRD change failed, trying again in 5 s: {}", cluster, String.valueOf(e.getMessage()));
            timer.schedule(this::refreshAndAdjust, 5, TimeUnit.SECONDS);
        }
    }

    /** Starts the informers of kinds now selected and served, stops those of kinds gone or moved to another version. */
    private synchronized void adjustInformers() {
        if (closed) {
            return;
        }
        Watched crds = watched.get(CRD);
        boolean crdsListed = crds != null && crds.informer().hasSynced(); // before wanted() reads the CRD cache
        Map<String, ServedResource> wanted = wanted();
        for (Map.Entry<String, Watched> running : Map.copyOf(watched).entrySet()) {
            ServedResource now = wanted.get(running.getKey());
            if (now == null || !now.gvk().equals(running.getValue().resource().gvk())) {
                stop(running.getKey());
            }
        }
        wanted.forEach((groupKind, resource) -> {
            if (!watched.containsKey(groupKind)) {
                begin(groupKind, resource);
            }
        });
        if (crdsListed) {
            adjustedAfterCrdsListed = true;
        }
    }

    /** One served resource per selected group-kind, at the group's preferred version. */
    private Map<String, ServedResource> wanted() {
        Set<String> customKinds = settings.customResources() ? crdKinds() : Set.of();
        Map<String, ServedResource> wanted = new LinkedHashMap<>();
        for (ServedResource resource : discovery.preferredResources()) {
            String groupKind = resource.gvk().groupKind();
            if (resource.supports("list") && resource.supports("watch")
                    && (settings.builtInKinds().contains(groupKind) || customKinds.contains(groupKind))) {
                wanted.put(groupKind, resource);
            }
        }
        return wanted;
    }

    /** {@code Kind.group} of every CRD the CRD informer holds. */
    private Set<String> crdKinds() {
        Watched crds = watched.get(CRD);
        if (crds == null) {
            return Set.of();
        }
        Set<String> kinds = new HashSet<>();
        for (GenericKubernetesResource crd : crds.informer().getStore().list()) {
            String group = crd.get("spec", "group");
            String kind = crd.get("spec", "names", "kind");
            if (group != null && kind != null) {
                kinds.add(kind + "." + group);
            }
        }
        return kinds;
    }

    private void begin(String groupKind, ServedResource resource) {
        if (closed) {
            return;
        }
        Gvk gvk = resource.gvk();
        ResourceDefinitionContext context = new ResourceDefinitionContext.Builder().withGroup(gvk.group())
                .withVersion(gvk.version()).withKind(gvk.kind()).withPlural(resource.plural())
                .withNamespaced(resource.namespaced()).build();
        var operation = client.genericKubernetesResources(context);
        SharedIndexInformer<GenericKubernetesResource> informer = resource.namespaced()
                ? operation.inAnyNamespace().withLimit(LIST_PAGE).runnableInformer(0)
                : operation.withLimit(LIST_PAGE).runnableInformer(0);
        informer.itemStore(new SlimStore(groupKind));
        // Keep trying through API-server restarts and expired watches; only close() ends an informer.
        informer.exceptionHandler((isStarted, failure) -> !closed);
        informer.addEventHandler(new Publisher(gvk, CRD.equals(groupKind)));
        watched.put(groupKind, new Watched(resource, informer));
        informer.start().whenComplete((done, failure) -> {
            if (failure != null && !closed) {
                LOG.warn("sync of {}: the informer of {} stopped: {}", cluster, gvk, String.valueOf(failure.getMessage()));
            }
        });
        LOG.debug("sync of {}: watching {}", cluster, gvk);
    }

    /** Stops the informer of {@code groupKind}; its objects leave the view (DELETED), since nothing follows them now. */
    private void stop(String groupKind) {
        Watched gone = watched.remove(groupKind);
        if (gone == null) {
            return;
        }
        gone.informer().stop();
        gone.informer().getStore().list().forEach(object -> publish(Change.DELETED, gone.resource().gvk(), object));
        LOG.debug("sync of {}: no longer watching {}", cluster, gone.resource().gvk());
    }

    private void publish(Change change, Gvk gvk, GenericKubernetesResource object) {
        if (closed) {
            return;
        }
        ClusterObject classified = classifier.classify(gvk, object);
        String uid = object.getMetadata().getUid();
        if (uid != null) {
            if (change == Change.DELETED) {
                published.remove(uid);
            } else {
                published.put(uid, code(classified));
            }
        }
        sink.publish(new ClusterObjectChanged(cluster, change, classified, sink.clock().instant()));
    }

    private void publishIfChanged(Gvk gvk, GenericKubernetesResource object) {
        if (closed) {
            return;
        }
        ClusterObject classified = classifier.classify(gvk, object);
        String uid = object.getMetadata().getUid();
        Integer before = uid == null ? null : published.get(uid);
        if (before != null && before == code(classified)) {
            return;
        }
        if (uid != null) {
            published.put(uid, code(classified));
        }
        sink.publish(new ClusterObjectChanged(cluster, Change.MODIFIED, classified, sink.clock().instant()));
    }

    /** What a re-classification may change, in one int: whether it differs from what was last published. */
    private static int code(ClusterObject object) {
        return Objects.hash(object.state(), object.origin(), object.deploymentId(), object.health().status(),
                object.health().reason());
    }

    private record Watched(ServedResource resource, SharedIndexInformer<GenericKubernetesResource> informer) {}

    /** Turns one informer's notifications into events; the CRD informer also asks for the informers to be adjusted. */
    private final class Publisher implements ResourceEventHandler<GenericKubernetesResource> {
        private final Gvk gvk;
        private final boolean crds;

        Publisher(Gvk gvk, boolean crds) {
            this.gvk = gvk;
            this.crds = crds;
        }

        @Override
        public void onAdd(GenericKubernetesResource object) {
            guarded(Change.ADDED, object);
            if (crds) {
                crdsChanged();
            }
        }

        @Override
        public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
            guarded(Change.MODIFIED, after);
            if (crds && !Objects.equals(servedVersions(before), servedVersions(after))) {
                crdsChanged();
            }
        }

        @Override
        public void onDelete(GenericKubernetesResource object, boolean finalStateUnknown) {
            guarded(Change.DELETED, object);
            if (crds) {
                crdsChanged();
            }
        }

        private void guarded(Change change, GenericKubernetesResource object) {
            try {
                publish(change, gvk, object);
            } catch (RuntimeException e) {
                LOG.warn("sync of {}: publishing {} {} failed: {}", cluster, change, gvk, String.valueOf(e.getMessage()));
            }
        }

        /** What the CRD serves and whether it is established: what changes the informers needed. */
        private static Object servedVersions(GenericKubernetesResource crd) {
            return List.of(String.valueOf((Object) crd.get("spec", "versions")),
                    String.valueOf((Object) crd.get("status", "acceptedNames")),
                    String.valueOf((Object) crd.get("status", "conditions")));
        }
    }
}
