package io.meshwright.engine.lifecycle;

import io.meshwright.engine.cluster.TargetCluster;
import io.meshwright.spi.deploy.InventoryEntry;
import java.util.Optional;

/**
 * Decides whether a CRD may be removed on undeploy. Removing a CRD deletes every custom resource of it in the
 * whole cluster, so it is removed only when asked and when no custom resource of it remains anywhere. (That no
 * other deployment claims it is checked for every object, by {@link Remover}.)
 */
final class CrdSafetyRule {

    /** Why undeploy keeps a CRD with {@code --keep-crds}, recorded with its left-over record. */
    static final String KEPT_ON_REQUEST = "CRDs are kept on request (--keep-crds)";

    private final TargetCluster cluster;

    CrdSafetyRule(TargetCluster cluster) {
        this.cluster = cluster;
    }

    static boolean isCrd(InventoryEntry entry) {
        return entry.ref().gvk().group().equals("apiextensions.k8s.io")
                && entry.ref().gvk().kind().equals("CustomResourceDefinition");
    }

    /** Why the CRD must be kept, or empty when it may go. */
    Optional<String> reasonToKeep(InventoryEntry crd, UndeployOptions options) {
        if (!options.removeCrds()) {
            return Optional.of(KEPT_ON_REQUEST);
        }
        long remaining;
        try {
            remaining = cluster.countCustomResources(crd.ref());
        } catch (RuntimeException e) {
            return Optional.of("could not count its custom resources (" + e.getMessage() + "); kept to be safe");
        }
        if (remaining > 0) {
            return Optional.of(remaining + " custom resource(s) of it remain in the cluster");
        }
        return Optional.empty();
    }
}
