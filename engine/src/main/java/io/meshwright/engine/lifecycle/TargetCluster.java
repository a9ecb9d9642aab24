package io.meshwright.engine.lifecycle;

import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.extension.ClusterApplier;
import io.meshwright.spi.model.Gvk;
import java.time.Duration;
import java.util.List;

/**
 * What the lifecycle needs of the cluster it deploys to, beyond a {@link ClusterApplier}: waiting for CRDs,
 * counting custom resources, and the post-undeploy scan. Implemented over fabric8 in the {@code cluster}
 * package; this seam keeps the lifecycle's ordering and safety logic readable on its own.
 */
public interface TargetCluster {

    /** A name for the cluster (its API server URL), recorded on each deployment. */
    String name();

    /** An applier recording into {@code deploymentId}'s inventory, refusing to take over pre-existing objects. */
    default ClusterApplier applier(String deploymentId) {
        return applier(deploymentId, false);
    }

    /** An applier recording into {@code deploymentId}'s inventory; {@code adoptExisting} lets it take over brownfield objects. */
    ClusterApplier applier(String deploymentId, boolean adoptExisting);

    /**
     * Waits until every CRD is Established and discovery serves its kinds.
     *
     * @throws ClusterWaitException naming the CRDs that are not established when {@code timeout} passes
     */
    void awaitEstablished(List<ResourceRef> crds, Duration timeout);

    /** How many objects of the custom resource kinds a CRD defines remain, in all namespaces. */
    long countCustomResources(ResourceRef crd);

    /** Every object in the cluster labelled with {@code deploymentId}, across every kind the cluster serves. */
    LabelScan labelled(String deploymentId);

    /**
     * What a label scan found.
     *
     * @param found     objects carrying the label
     * @param unscanned kinds that could not be listed, each with the reason: "0 left" is never claimed blindly
     */
    record LabelScan(List<ResourceRef> found, List<String> unscanned) {
        public LabelScan {
            found = List.copyOf(found);
            unscanned = List.copyOf(unscanned);
        }
    }

    /** Whether the cluster serves {@code gvk} right now. */
    boolean serves(Gvk gvk);
}
