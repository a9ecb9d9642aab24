package io.meshwright.engine.cluster;

import io.meshwright.spi.deploy.Readiness;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.extension.ClusterView;
import io.meshwright.spi.model.Gvk;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The engine's {@link ClusterView} over one cluster: discovery, reads, readiness by kind, a kubeconfig for tools. */
public final class KubeClusterView implements ClusterView {

    private final KubeApi api;
    private final Discovery discovery;
    private final KubeObjects objects;
    private final Clock clock;
    private final Backoff polling;
    private final Pause pause;
    private final Supplier<String> kubeconfig;
    private final ReadinessRules readinessRules = new ReadinessRules();

    KubeClusterView(KubeApi api, Discovery discovery, KubeObjects objects, Clock clock, Backoff polling, Pause pause,
            Supplier<String> kubeconfig) {
        this.api = api;
        this.discovery = discovery;
        this.objects = objects;
        this.clock = clock;
        this.polling = polling;
        this.pause = pause;
        this.kubeconfig = kubeconfig;
    }

    @Override
    public boolean serves(Gvk gvk) {
        return discovery.serves(gvk);
    }

    @Override
    public Optional<Boolean> namespaced(Gvk gvk) {
        return discovery.namespaced(gvk);
    }

    @Override
    public Optional<Map<String, Object>> get(ResourceRef ref) {
        return objects.read(ref);
    }

    @Override
    public List<Map<String, Object>> list(Gvk gvk, String namespace, String labelSelector) {
        ServedResource resource = discovery.resource(gvk).orElseThrow(() ->
                new IllegalArgumentException("the cluster does not serve " + gvk));
        String path = resource.collectionPath(resource.namespaced() ? namespace : null)
                + (labelSelector == null || labelSelector.isBlank() ? "" : "?labelSelector=" + ServedResource.encode(labelSelector));
        return ObjectTree.maps(api.treeOrThrow("GET", path, api.get(path)), "items");
    }

    @Override
    public Readiness readiness(ResourceRef ref) {
        return get(ref).map(readinessRules::judge).orElseGet(() -> Readiness.waiting(ref + " does not exist"));
    }

    /** Polls with back-off (50 ms doubling to 1 s by default) until ready, failed, or the timeout passed. */
    @Override
    public Readiness awaitReady(ResourceRef ref, Duration timeout) {
        Instant deadline = clock.instant().plus(timeout);
        for (int attempt = 0; ; attempt++) {
            Readiness readiness = readiness(ref);
            Duration left = Duration.between(clock.instant(), deadline);
            if (readiness.done() || left.isNegative() || left.isZero()) {
                return readiness;
            }
            Duration wait = polling.delay(attempt);
            try {
                pause.pause(wait.compareTo(left) < 0 ? wait : left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return readiness;
            }
        }
    }

    /**
     * Re-reads the kinds' group versions on every attempt (50 ms doubling to the polling cap): a tool that just
     * created CRDs must not wait out discovery's one-second guard against re-reading a recent miss.
     */
    @Override
    public List<Gvk> awaitServed(Collection<Gvk> kinds, Duration timeout) {
        Instant deadline = clock.instant().plus(timeout);
        List<Gvk> missing = new ArrayList<>(kinds);
        for (int attempt = 0; ; attempt++) {
            missing.removeIf(discovery::servesCached);
            if (!missing.isEmpty()) {
                discovery.refresh(missing.stream().map(Gvk::apiVersion).collect(Collectors.toCollection(TreeSet::new)));
                missing.removeIf(discovery::servesCached);
            }
            Duration left = Duration.between(clock.instant(), deadline);
            if (missing.isEmpty() || left.isNegative() || left.isZero()) {
                return List.copyOf(missing);
            }
            Duration wait = polling.delay(attempt);
            try {
                pause.pause(wait.compareTo(left) < 0 ? wait : left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.copyOf(missing);
            }
        }
    }

    @Override
    public String kubeconfig() {
        return kubeconfig.get();
    }

    /** {@code gitVersion} of the API server's {@code /version}, read each time (a cluster can be upgraded under us). */
    @Override
    public Optional<String> serverVersion() {
        return api.getTree("/version").flatMap(v -> ObjectTree.string(v, "gitVersion")).filter(v -> !v.isBlank());
    }
}
