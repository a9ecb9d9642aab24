package io.meshwright.engine.lifecycle;

import io.meshwright.engine.cluster.TargetCluster;
import java.util.Optional;

/**
 * Refuses work on a deployment that was made on another cluster than the engine's target now (after
 * {@code kubectl config use-context other} and a restart, say): undeploying there would report every object
 * gone while they all stay on the first cluster, and a resume would deploy into the wrong one. A cluster is
 * identified by its {@code kube-system} namespace uid, recorded with each deployment; records from before that
 * was kept are compared by API server URL.
 */
final class ClusterGuard {

    private final DeploymentStore store;
    private final TargetCluster cluster;

    ClusterGuard(DeploymentStore store, TargetCluster cluster) {
        this.store = store;
        this.cluster = cluster;
    }

    /**
     * Checks that {@code deploymentId}, if it exists, belongs to the target cluster; returns the target's identity.
     *
     * @throws WrongClusterException naming both clusters when it does not
     */
    String check(String deploymentId) {
        String identity = cluster.identity();
        Optional<DeploymentRecord> record = store.get(deploymentId);
        if (record.isEmpty()) {
            return identity;
        }
        Optional<String> recorded = store.clusterUid(deploymentId);
        boolean same = recorded.map(identity::equals).orElseGet(() -> record.get().cluster().equals(cluster.name()));
        if (!same) {
            throw new WrongClusterException(deploymentId, record.get().cluster(), recorded.orElse("not recorded"),
                    cluster.name(), identity);
        }
        return identity;
    }
}
