package io.meshwright.engine.cluster;

import io.meshwright.spi.deploy.ResourceRef;
import io.meshwright.spi.extension.ClusterView;
import io.meshwright.spi.model.Gvk;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the engine needs of the one cluster it deploys to: object I/O (wrapped by the inventory's journaling
 * applier), a read view, waiting for CRDs, counting custom resources, the leftover scan and dry runs.
 * Implemented over fabric8 by {@link KubeTargetCluster}; this seam keeps the lifecycle's ordering and safety
 * logic readable on its own.
 */
public interface TargetCluster {

    /** A name for the cluster (its API server URL), recorded on each deployment. */
    String name();

    /**
     * What identifies the cluster whatever URL reaches it: the uid of its {@code kube-system} namespace, which
     * lives as long as the cluster. A deployment records it and the engine refuses to work on a deployment
     * from another cluster (a switched kube context, say).
     *
     * @throws RuntimeException when the cluster cannot be reached
     */
    String identity();

    /** Re-reads what the cluster serves (after CRDs changed behind the engine's back, a version moved). */
    void refreshDiscovery();

    /** Object I/O: resolve, read, apply, delete. Records nothing. */
    KubeObjects objects();

    /** Reads for deployers and the lifecycle. */
    ClusterView view();

    /**
     * Waits until every CRD is Established and discovery serves its kinds.
     *
     * @throws ClusterWaitException naming the CRDs that are not established when {@code timeout} passes
     */
    void awaitEstablished(List<ResourceRef> crds, Duration timeout);

    /** How many objects of the custom resource kinds a CRD defines remain, in all namespaces. */
    long countCustomResources(ResourceRef crd);

    /**
     * Objects in {@code namespace} that {@code deploymentId} did not put there (not carrying its label) and the
     * cluster did not make itself: deleting the namespace would delete them too.
     *
     * @throws ClusterUnavailableException when some kind could not be listed
     */
    List<ResourceRef> foreignObjects(String namespace, String deploymentId);

    /**
     * Every object in the cluster labelled with {@code deploymentId}, across every kind the cluster serves, that this
     * engine applied (its {@code meshwright.io/engine} stamp) or no engine stamped: another engine's objects under
     * the same deployment id are not this deployment's leftovers.
     */
    LabelScan labelled(String deploymentId);

    /**
     * What a label scan found.
     *
     * @param found     objects carrying the label
     * @param unscanned kinds (or groups) that could not be listed, each with the reason: "0 left" is never
     *                  claimed while this is not empty
     */
    record LabelScan(List<ResourceRef> found, List<String> unscanned) {
        public LabelScan {
            found = List.copyOf(found);
            unscanned = List.copyOf(unscanned);
        }
    }

    /**
     * Every object in the cluster that carries the deployment label, whatever deployment it names, across every
     * kind the cluster serves: what the orphan scan compares with the inventory.
     */
    LabelledScan labelledByAnyDeployment();

    /**
     * An object carrying the deployment label.
     *
     * @param ref          the object
     * @param deploymentId the label's value
     * @param uid          its uid, for delete preconditions
     * @param engineId     the id of the engine that applied it ({@code meshwright.io/engine}); {@code null} when it
     *                     carries none (applied by an engine older than the stamp)
     * @param adopted      it carries {@code meshwright.io/adopted}: it existed before a deployment took it over
     */
    record Labelled(ResourceRef ref, String deploymentId, String uid, String engineId, boolean adopted) {}

    /** What {@link #labelledByAnyDeployment()} found; {@code unscanned} as in {@link LabelScan}. */
    record LabelledScan(List<Labelled> found, List<String> unscanned) {
        public LabelledScan {
            found = List.copyOf(found);
            unscanned = List.copyOf(unscanned);
        }
    }

    /** A server-side dry run of applying {@code object}: what would happen, changing nothing. */
    ObjectCheck dryRun(String deploymentId, Map<String, Object> object, String partId);

    /**
     * Why the server would refuse {@code object}; empty when it would accept it. Cheaper than {@link #dryRun}
     * (which also tells what would change): for checks that only ask whether an object is valid.
     */
    default java.util.Optional<String> refusal(String deploymentId, Map<String, Object> object, String partId) {
        ObjectCheck check = dryRun(deploymentId, object, partId);
        return check.verdict().equals("refused") ? java.util.Optional.ofNullable(check.message()) : java.util.Optional.empty();
    }

    /**
     * The result of a dry run.
     *
     * @param ref     the object
     * @param verdict {@code create}, {@code change}, {@code unchanged} or {@code refused}
     * @param message why it was refused; {@code null} otherwise
     */
    record ObjectCheck(ResourceRef ref, String verdict, String message) {}

    /** Whether the cluster serves {@code gvk} right now. */
    default boolean serves(Gvk gvk) {
        return view().serves(gvk);
    }
}
