package io.meshwright.spi.extension;

import io.meshwright.spi.deploy.Readiness;
import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.model.Gvk;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a plugin may read of the target cluster: what it serves, single objects, lists, readiness, and the
 * credentials a tool needs that talks to the cluster itself (Helm). Reading never changes the inventory.
 * Reached through {@link ClusterApplier#view()}; bound to the same cluster as its applier. Thread-safe.
 */
public interface ClusterView {

    /** Whether the target cluster serves {@code gvk} right now (discovery, refreshed when CRDs appear). */
    boolean serves(Gvk gvk);

    /**
     * Waits until the cluster serves every kind in {@code kinds} — kinds whose CustomResourceDefinitions a tool has
     * just created — or {@code timeout} passes, and answers the kinds still not served then (empty: all served).
     * Unlike polling {@link #serves}, which re-reads discovery for a kind at most once a second after a miss, this
     * re-reads the kinds' group versions on every attempt, so it returns as soon as the API server serves them.
     * Added in SPI 1.5; the default polls {@link #serves} every 100 ms.
     */
    default List<Gvk> awaitServed(Collection<Gvk> kinds, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Gvk> missing = new ArrayList<>(kinds);
        while (true) {
            missing.removeIf(this::serves);
            if (missing.isEmpty() || System.nanoTime() >= deadline) {
                return List.copyOf(missing);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.copyOf(missing);
            }
        }
    }

    /** Whether {@code gvk} is namespaced; empty when the cluster does not serve it. */
    Optional<Boolean> namespaced(Gvk gvk);

    /** Reads an object, or empty when it does not exist. */
    Optional<Map<String, Object>> get(ResourceRef ref);

    /**
     * Lists objects of {@code gvk} in {@code namespace} ({@code null}: all namespaces, or cluster-scoped),
     * optionally filtered by a Kubernetes label selector ({@code null}: no filter).
     */
    List<Map<String, Object>> list(Gvk gvk, String namespace, String labelSelector);

    /** Whether the object is ready by its kind's rule. */
    Readiness readiness(ResourceRef ref);

    /** Waits until the object is ready, failed, or {@code timeout} passed (then returns the last judgement). */
    Readiness awaitReady(ResourceRef ref, Duration timeout);

    /**
     * A kubeconfig (YAML text) whose current context is this view's cluster, with the engine's credentials, for
     * tools that talk to the cluster themselves (Helm). Write it to a file only under the plugin's private
     * {@link PluginContext#workDir()} (mode 0600), never log it.
     */
    String kubeconfig();

    /**
     * The cluster's Kubernetes version as its API server reports it ({@code gitVersion} of {@code /version}, e.g.
     * {@code v1.20.2}), so that a tool rendering on the client side (Helm's {@code template}) sees the same
     * {@code .Capabilities.KubeVersion} the install will. Empty when the view cannot tell. Added in SPI 1.5; the
     * default (for views written before it) is empty, and callers then fall back to the tool's own default.
     */
    default Optional<String> serverVersion() {
        return Optional.empty();
    }
}
